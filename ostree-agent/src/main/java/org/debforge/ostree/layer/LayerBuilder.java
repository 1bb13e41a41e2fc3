package org.debforge.ostree.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.debforge.core.resolve.InstallRequest;
import org.debforge.core.resolve.PackageUniverse;
import org.debforge.core.resolve.PackageVersion;
import org.debforge.core.resolve.Resolution;
import org.debforge.core.resolve.Resolver;
import org.debforge.ostree.tool.Ostree;
import org.debforge.ostree.tool.Trees;

/**
 * Makes a layered commit: the base checked out as hard links, the requests resolved with the
 * compose's resolver against the base's dpkg status and its APT sources, the verified .debs
 * installed by dpkg over an overlay of the checkout ({@link DpkgSandbox}), the changes folded back
 * by rename, /var and new users turned into tmpfiles.d and sysusers.d lines, and the tree committed
 * with the base as parent. The commit is an orphan (no ref): the deployment made of it keeps it.
 */
public final class LayerBuilder {
  static final String STATUS = "usr/lib/sysimage/dpkg/status";

  private final Ostree ostree;

  public LayerBuilder(Ostree ostree) {
    this.ostree = ostree;
  }

  /** The answer of the resolver, and the index each installed package comes from. */
  public record Plan(
      List<PackageVersion> install, List<PackageVersion> remove, List<AptIndexes.Index> indexes) {

    /** {@code name=version:arch} of each installed package, as the commit metadata lists them. */
    public List<String> installed() {
      return install.stream().map(p -> p.name() + "=" + p.version() + ":" + p.arch()).toList();
    }
  }

  /** Resolves a request against the base without changing anything ({@code --dry-run}). */
  public Plan plan(LayerRequest r) {
    String status = ostree.repo("read the base's dpkg status", "cat", r.base(), "/" + STATUS);
    String arch = nativeArch(status);
    List<AptSource> sources = r.sources();
    if (sources.isEmpty()) {
      String lock =
          ostree
              .metadata(r.base(), LayerMetadata.LOCK)
              .orElseThrow(
                  () ->
                      new DebforgeException(
                          ErrorKind.CONFIG,
                          "base commit " + r.base() + " has no debforge.lock naming its sources",
                          "give the sources with --source 'URI SUITE COMPONENT...'"));
      sources = AptSource.fromLock(lock, "commit " + r.base());
    }
    AptIndexes apt = new AptIndexes(r.cache().resolve("apt"), arch, r.keyring());
    List<AptIndexes.Index> indexes = apt.update(sources, r.cacheOnly(), ostree.tool());
    PackageUniverse.Builder b = PackageUniverse.builder(arch);
    indexes.forEach(i -> b.source(i.packages()));
    PackageUniverse universe = b.status("base dpkg status", status).build();
    Resolution res;
    try {
      res =
          new Resolver(universe, Resolver.Options.NO_RECOMMENDS)
              .resolve(
                  r.requested().stream().map(InstallRequest::parse).toList(),
                  r.removals().stream().map(InstallRequest::parse).toList());
    } catch (FormatException e) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT, e.getMessage(), "write name[:arch][=version]");
    }
    if (!res.satisfiable()) {
      throw new DebforgeException(
          ErrorKind.DEPENDENCY_RESOLUTION,
          "cannot layer "
              + String.join(" ", r.requested())
              + " on "
              + r.base()
              + ":\n"
              + res.explanation().get().render(),
          "check the package names and the sources the base was composed from");
    }
    for (PackageVersion p : res.remove()) {
      if (!r.removals().contains(p.name())) {
        throw new DebforgeException(
            ErrorKind.DEPENDENCY_RESOLUTION,
            "layering " + String.join(" ", r.requested()) + " would remove base package " + p,
            "a layer only adds; remove base packages explicitly with override remove");
      }
    }
    return new Plan(res.install(), res.remove(), indexes);
  }

  /** Builds and commits the layer; returns the new commit's checksum. */
  public String build(LayerRequest r, Plan plan, Map<String, String> metadata) {
    List<Path> debs = new ArrayList<>();
    DebCache cache = new DebCache(r.cache().resolve("debs"));
    for (PackageVersion p : plan.install()) {
      int rank = p.sourceRank().orElseThrow();
      debs.add(cache.get(plan.indexes().get(rank).source(), p.paragraph(), r.cacheOnly()));
    }
    Path scratch;
    try {
      // On the repository's file system: a hard-link checkout and renames need it.
      scratch = Files.createTempDirectory(ostree.sysroot().resolve("ostree"), ".apt-ostree-");
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, ostree.sysroot() + ": " + e.getMessage(), null, e);
    }
    try {
      Path tree = scratch.resolve("tree");
      ostree.repo("check out the base", "checkout", "-H", r.base(), tree.toString());
      Path debDir = scratch.resolve("debs");
      Files.createDirectories(debDir);
      List<String> install =
          new ArrayList<>(List.of("dpkg", "--force-confdef", "--force-confold", "--install"));
      for (int i = 0; i < debs.size(); i++) {
        Path link = debDir.resolve(i + "_" + plan.install().get(i).name() + ".deb");
        Files.copy(debs.get(i), link);
        install.add(DpkgSandbox.DEBS + "/" + link.getFileName());
      }
      prepare(tree);
      var oldPasswd = LayerFiles.entries(tree.resolve("etc/passwd"));
      var oldGroup = LayerFiles.entries(tree.resolve("etc/group"));
      List<List<String>> commands = new ArrayList<>();
      if (!plan.remove().isEmpty()) {
        List<String> purge = new ArrayList<>(List.of("dpkg", "--purge"));
        plan.remove().forEach(p -> purge.add(p.name() + ":" + p.arch()));
        commands.add(purge);
      }
      if (!debs.isEmpty()) {
        commands.add(install);
      }
      DpkgSandbox sandbox = new DpkgSandbox(scratch, ostree.tool());
      sandbox.run(tree, debDir, commands);
      List<String> varEntries =
          new UpperDir(sandbox.upper(), tree, ostree.tool())
              .apply(Set.of(DpkgSandbox.POLICY_RC_D, "dev", "proc", "tmp", "run", "sys"), "var");
      LayerFiles.var(sandbox.upper(), varEntries, tree);
      LayerFiles.sysusers(
          oldPasswd,
          oldGroup,
          LayerFiles.entries(tree.resolve("etc/passwd")),
          LayerFiles.entries(tree.resolve("etc/group")),
          tree);
      finish(tree);
      return commit(tree, r, metadata);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "layering: " + e.getMessage(), null, e);
    } finally {
      try {
        Trees.delete(scratch);
      } catch (IOException e) {
        ostree.tool().line("could not remove " + scratch + ": " + e);
      }
    }
  }

  /**
   * Puts the checkout in the shape dpkg expects: /etc at /etc (renaming a folder touches no file),
   * /var made by the tree's own tmpfiles.d (the dpkg database link, apt's and debconf's folders).
   */
  private void prepare(Path tree) throws IOException {
    if (!Files.isDirectory(tree.resolve("usr/etc")) || !Files.isRegularFile(tree.resolve(STATUS))) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "the base is not a converted tree (no /usr/etc or " + STATUS + ")",
          "layer on a tumbi-assembler ostree commit (docs/compose-ostree.md)");
    }
    Files.move(tree.resolve("usr/etc"), tree.resolve("etc"));
    var r =
        ostree
            .tool()
            .run(List.of("systemd-tmpfiles", "--create", "--root=" + tree, "--prefix=/var"));
    // Lines for users a base lacks fail harmlessly; the dpkg link below is what must exist.
    if (r.exit() != 0) {
      ostree.tool().line("systemd-tmpfiles exited " + r.exit() + " (ignored)");
    }
    Path link = tree.resolve("var/lib/dpkg");
    if (!Files.isSymbolicLink(link)) {
      Files.createDirectories(link.getParent());
      Trees.delete(link);
      Files.createSymbolicLink(link, Path.of("../../usr/lib/sysimage/dpkg"));
    }
  }

  /** Back to the commit's shape: /etc into /usr/etc, /var empty. */
  private static void finish(Path tree) throws IOException {
    Files.move(tree.resolve("etc"), tree.resolve("usr/etc"), StandardCopyOption.ATOMIC_MOVE);
    Path var = tree.resolve("var");
    try (var s = Files.list(var)) {
      for (Path p : s.toList()) {
        Trees.delete(p);
      }
    }
    for (String d : List.of("tmp", "run")) {
      Path p = tree.resolve(d);
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        try (var s = Files.list(p)) {
          for (Path q : s.toList()) {
            Trees.delete(q);
          }
        }
      }
    }
  }

  private String commit(Path tree, LayerRequest r, Map<String, String> metadata) {
    List<String> c =
        new ArrayList<>(
            ostree.repoCommand(
                "commit",
                "--orphan",
                "--tree=dir=" + tree,
                "--parent=" + r.base(),
                "--link-checkout-speedup",
                "--subject=apt-ostree layer: " + String.join(" ", r.requested())));
    r.version().ifPresent(v -> c.add("--add-metadata-string=version=" + v));
    metadata.forEach((k, v) -> c.add("--add-metadata-string=" + k + "=" + v));
    if (ostree.metadata(r.base(), "ostree.bootable").isPresent()) {
      c.add("--bootable");
    }
    String sum = ostree.tool().check(c, "commit the layer").strip();
    if (!sum.matches("[0-9a-f]{64}")) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED, "ostree commit printed no checksum: " + sum);
    }
    return sum;
  }

  /** dpkg's own architecture, from the base's dpkg package stanza. */
  static String nativeArch(String status) {
    boolean inDpkg = false;
    for (String line : status.split("\n")) {
      if (line.isEmpty()) {
        inDpkg = false;
      } else if (line.equals("Package: dpkg")) {
        inDpkg = true;
      } else if (inDpkg && line.startsWith("Architecture: ")) {
        return line.substring(14).strip();
      }
    }
    throw new DebforgeException(
        ErrorKind.INVALID_INPUT,
        "the base's " + STATUS + " has no dpkg package",
        "layer on a Debian root's commit");
  }
}
