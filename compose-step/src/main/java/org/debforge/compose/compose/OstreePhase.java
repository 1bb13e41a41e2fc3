package org.debforge.compose.compose;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.gather.Resolved;
import org.debforge.compose.metadata.ComposeMetadata;
import org.debforge.compose.ostree.OstreeCommit;
import org.debforge.compose.ostree.OstreeCommitter;
import org.debforge.compose.ostree.OstreeRequest;
import org.debforge.compose.phase.Phase;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Pungi's ostree phase for Debian: each architecture's root (the rootfs phase's) committed on the
 * ostree output's ref. As Pungi does, the repository is not in the compose but one the output names
 * ({@code repo}, default {@code TARGET/ostree/repo}), kept across composes, so the ref's previous
 * commit (the previous compose's) is the parent and a static delta is made from it.
 */
final class OstreePhase implements Phase<ComposeContext> {
  /** Besides a {@code linux-image-*} package: what a bootable commit's root must hold. */
  static final List<String> BOOT_PACKAGES = List.of("dracut", "ostree-boot");

  @Override
  public String name() {
    return "ostree";
  }

  @Override
  public boolean failable(ComposeContext c) {
    return c.blueprint.output(OutputSpec.Type.OSTREE).map(OutputSpec::failable).orElse(false);
  }

  /** Only a blueprint with an ostree output has the phase (its composeinfo lists it). */
  @Override
  public boolean applies(ComposeContext c) {
    return c.blueprint.output(OutputSpec.Type.OSTREE).isPresent();
  }

  /** The ref of one architecture's commit: the output's {@code ref} or debian/SUITE/ARCH/NAME. */
  static String ref(Blueprint bp, OutputSpec out, String arch) {
    return out.options()
        .getOrDefault("ref", "debian/" + bp.suite() + "/%{arch}/" + bp.name())
        .replace("%{arch}", arch);
  }

  /** The output's {@code repo}: absolute, or relative to the target folder. */
  static Path repo(Path target, OutputSpec out) {
    return target.resolve(out.options().getOrDefault("repo", "ostree/repo")).normalize();
  }

  /** What is wrong with an ostree output, seen before any work (empty when nothing). */
  static Optional<String> problem(Blueprint bp, OutputSpec out) {
    Set<String> unknown = new java.util.TreeSet<>(out.options().keySet());
    unknown.removeAll(Set.of("ref", "repo"));
    if (!unknown.isEmpty()) {
      return Optional.of("ostree output: unknown options " + unknown + " (it takes ref and repo)");
    }
    if (bp.architectures().size() > 1
        && out.options().containsKey("ref")
        && !out.options().get("ref").contains("%{arch}")) {
      return Optional.of(
          "ostree output: ref '"
              + out.options().get("ref")
              + "' names one ref for "
              + bp.architectures().size()
              + " architectures: put %{arch} in it");
    }
    return Optional.empty();
  }

  @Override
  public void run(ComposeContext c, PrintWriter log) throws IOException {
    OutputSpec out = c.blueprint.output(OutputSpec.Type.OSTREE).orElseThrow();
    if (c.options.skipRootfs) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "ostree: the ostree output commits the rootfs phase's root, and --no-rootfs skipped it",
          "compose without --no-rootfs, or remove the ostree output from the blueprint");
    }
    requireBootPackages(c);
    for (String arch : c.blueprint.architectures()) {
      if (c.roots.get(arch) == null) {
        // A failable rootfs output that failed leaves no root to commit.
        throw new DebforgeException(
            ErrorKind.COMPOSE_FAILED,
            "ostree: " + arch + ": the rootfs phase made no root to commit",
            "see " + c.layout.logs().resolve("rootfs.log"));
      }
    }
    Path repo = repo(c.options.target, out);
    String version = c.blueprint.versionScheme().expand(c.header.date(), c.header.respin());
    Map<String, String> metadata = metadata(c);
    Path work = c.layout.work().resolve("ostree");
    Files.createDirectories(work);
    Map<String, Map<String, Object>> byArch = new LinkedHashMap<>();
    List<Map<String, Object>> recorded = new ArrayList<>();
    for (String arch : c.blueprint.architectures()) {
      Path root = c.roots.get(arch);
      String ref = ref(c.blueprint, out, arch);
      Path archLog = c.layout.logs().resolve("ostree." + arch + ".log");
      Optional<String> parent = OstreeCommitter.head(repo, ref, new ToolLog(archLog, "ostree"));
      log.println(
          "ostree: "
              + arch
              + ": committing "
              + root
              + " on "
              + ref
              + " in "
              + repo
              + parent.map(p -> " (parent " + p + ")").orElse(" (first commit on the ref)")
              + " (log "
              + archLog
              + ")");
      OstreeCommit commit =
          new OstreeCommitter()
              .commit(new OstreeRequest(root, repo, ref, version, parent, metadata, work, archLog));
      log.println("ostree: " + arch + ": " + ref + " is " + commit.checksum());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("arch", arch);
      m.put("ref", commit.ref());
      m.put("commit", commit.checksum());
      m.put("parent", commit.parent().orElse(null));
      m.put("version", commit.version());
      m.put("repo", commit.repo().toString());
      m.put("bootable", commit.kernel().isPresent());
      m.put("kernel", commit.kernel().orElse(null));
      m.put("static_delta", commit.delta());
      recorded.add(m);
      byArch.put(arch, m);
    }
    c.extra.put("ostree", recorded);
    ComposeMetadata.write(
        c.layout.metadata().resolve("ostree.json"), ComposeMetadata.ostree(c.header, byArch));
  }

  /**
   * A root without a kernel, dracut and ostree-boot commits, but does not boot: the blueprint asked
   * for an OSTree commit, so it must list them. Checked on the lock, for every architecture, before
   * any commit.
   */
  static void requireBootPackages(ComposeContext c) {
    List<String> problems = new ArrayList<>();
    for (String arch : c.blueprint.architectures()) {
      Set<String> names =
          c.gathered.get(arch).packages().stream()
              .map(Resolved::pkg)
              .map(p -> p.name())
              .collect(Collectors.toSet());
      List<String> missing = new ArrayList<>();
      if (names.stream().noneMatch(n -> n.startsWith("linux-image-"))) {
        missing.add("linux-image-" + arch);
      }
      BOOT_PACKAGES.stream().filter(p -> !names.contains(p)).forEach(missing::add);
      if (!missing.isEmpty()) {
        problems.add(arch + ": " + String.join(", ", missing));
      }
    }
    if (!problems.isEmpty()) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "ostree: "
              + c.blueprint.file()
              + ": packages: a bootable OSTree commit needs a kernel, dracut and ostree-boot in"
              + " the root; missing "
              + String.join("; ", problems),
          "add them to the blueprint's packages (e.g. linux-image-amd64, dracut, ostree-boot)");
    }
  }

  /**
   * The commit's metadata: the compose id, the lock's SHA-256 and, when it fits in one argument
   * (ostree 2022.7 takes metadata on its command line only, no file option; Linux limits one
   * argument to 128 KiB), the lock itself; else the lock's path under the target folder.
   */
  static Map<String, String> metadata(ComposeContext c) throws IOException {
    Path lockFile = c.layout.metadata().resolve("lock.json");
    byte[] lock = Files.readAllBytes(lockFile);
    Map<String, String> m = new LinkedHashMap<>();
    m.put("debforge.compose-id", c.header.id());
    m.put("debforge.lock.sha256", sha256(lock));
    String text = new String(lock, StandardCharsets.UTF_8);
    int size =
        ("--add-metadata-string=debforge.lock=" + text).getBytes(StandardCharsets.UTF_8).length;
    if (size <= OstreeRequest.MAX_ARGUMENT) {
      m.put("debforge.lock", text);
    } else {
      m.put("debforge.lock.path", c.header.id() + "/metadata/lock.json");
    }
    return m;
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
