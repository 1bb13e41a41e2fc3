package org.debforge.debmock.build.orig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Changelog;
import org.debforge.core.deb.Compression;
import org.debforge.core.version.DebianVersion;
import org.debforge.debmock.build.orig.OrigTarball.Source;

/**
 * Finds or makes the upstream tarball of a non-native source tree, as {@code gbp buildpackage}
 * does, and places it beside the clean export for {@code dpkg-source -b}. In order: the file given
 * with {@code --orig}; {@code SOURCE_UPVER.orig.tar.*} beside the tree ({@code ..}, {@code
 * ../tarballs}, gbp.conf's {@code tarball-dir}); {@code pristine-tar checkout} from the
 * pristine-tar branch; {@code git archive} of the upstream tag. The user's tree and its parent are
 * only read. When nothing is found the error lists every place tried and what it said.
 */
public final class OrigFinder {
  private final Path tree;
  private final String source;
  private final String upstreamVersion;
  private final GbpConf conf;
  private String format = "3.0 (quilt)";
  private final List<String> tried = new ArrayList<>();

  private OrigFinder(Path tree, String source, String upstreamVersion, GbpConf conf) {
    this.tree = tree;
    this.source = source;
    this.upstreamVersion = upstreamVersion;
    this.conf = conf;
  }

  /**
   * The orig tarball of {@code tree}, placed in {@code into}; empty for a native source (format
   * {@code 3.0 (native)}, or a version without a Debian revision), which has none.
   *
   * @param source the source package name (debian/control's Source)
   * @param option {@code --orig FILE}, or null
   */
  public static Optional<OrigTarball> find(Path tree, String source, Path option, Path into) {
    Path root = tree.toAbsolutePath().normalize();
    String format = format(root);
    DebianVersion version = version(root);
    if (format.equals("3.0 (native)")
        || version.revision().isEmpty()
        || !format.matches("1\\.0|3\\.0 \\(quilt\\)")) {
      if (option != null) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            "--orig "
                + option
                + ": "
                + root
                + " is a native source ("
                + format
                + ", version "
                + version
                + "): it has no upstream tarball",
            "leave --orig out, or give the version a Debian revision (-1) and 3.0 (quilt)");
      }
      return Optional.empty();
    }
    OrigFinder f = new OrigFinder(root, source, version.upstream(), GbpConf.read(root));
    f.format = format;
    try {
      Files.createDirectories(into);
      return Optional.of(f.find(option, into.toAbsolutePath()));
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO,
          root + ": cannot place the upstream tarball in " + into + ": " + e.getMessage(),
          "check free space in " + into,
          e);
    }
  }

  private OrigTarball find(Path option, Path into) throws IOException {
    if (option != null) {
      return OrigOption.place(option, source, upstreamVersion, into);
    }
    Optional<OrigTarball> found = besideTree(into);
    if (found.isEmpty()) {
      GitTarballs git = new GitTarballs(tree, source, upstreamVersion);
      if (!git.isRepository()) {
        tried.add("pristine-tar, upstream tag: " + tree + " is not in a git repository");
      } else {
        found = pristineTar(git, into).or(() -> upstreamTag(git, into));
      }
    }
    return found.orElseThrow(this::nothingFound);
  }

  /** The tarball's name without the compression: SOURCE_UPVER.orig.tar */
  private String base() {
    return source + "_" + upstreamVersion + ".orig.tar";
  }

  private List<Compression> compressions() {
    return conf.compression() == null
        ? TarballFiles.ORIG
        : List.of(TarballFiles.ofGbpName(conf.compression()).orElseThrow());
  }

  private Optional<OrigTarball> besideTree(Path into) throws IOException {
    Set<Path> dirs = new LinkedHashSet<>();
    Path parent = tree.getParent();
    if (parent != null) {
      dirs.add(parent);
      dirs.add(parent.resolve("tarballs"));
    }
    if (conf.tarballDir() != null) {
      dirs.add(tree.resolve(UpstreamTag.path(conf.tarballDir(), upstreamVersion)).normalize());
    }
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        tried.add("beside the tree: " + dir + ": no such directory");
        continue;
      }
      List<Path> candidates = new ArrayList<>();
      for (Compression c : compressions()) {
        Path p = dir.resolve(base() + c.extension());
        if (Files.exists(p)) {
          candidates.add(p);
        }
      }
      if (candidates.size() > 1) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            dir + ": several upstream tarballs: " + names(candidates),
            "remove all but one, set 'compression' in debian/gbp.conf, or give one with --orig FILE");
      }
      if (candidates.isEmpty()) {
        tried.add("beside the tree: " + dir + ": no " + base() + ".{" + extensions() + "}");
        continue;
      }
      Path p = candidates.get(0);
      String[] why = new String[1];
      if (!Files.isRegularFile(p) || TarballFiles.sniff(p, why).isEmpty()) {
        tried.add(
            "beside the tree: " + p + ": " + (why[0] == null ? "not a regular file" : why[0]));
        continue;
      }
      Path placed = TarballFiles.place(p, into, p.getFileName().toString());
      return Optional.of(
          new OrigTarball(placed, Source.BESIDE_TREE, p.toString(), companions(p, into)));
    }
    return Optional.empty();
  }

  /** The .asc and the component tarballs (SOURCE_UPVER.orig-COMP.tar.*) found with the tarball. */
  private List<Path> companions(Path tarball, Path into) throws IOException {
    List<Path> placed = new ArrayList<>();
    String prefix = source + "_" + upstreamVersion + ".orig";
    try (var files = Files.list(tarball.getParent())) {
      for (Path p : files.sorted().toList()) {
        String n = p.getFileName().toString();
        boolean asc = n.equals(tarball.getFileName() + ".asc");
        boolean component =
            n.matches(
                java.util.regex.Pattern.quote(prefix)
                    + "-[a-zA-Z0-9][-a-zA-Z0-9]*\\.tar\\.(gz|xz|bz2|lzma)(\\.asc)?");
        if ((asc || component) && Files.isRegularFile(p)) {
          placed.add(TarballFiles.place(p, into, n));
        }
      }
    }
    return placed;
  }

  private Optional<OrigTarball> pristineTar(GitTarballs git, Path into) {
    if (Boolean.FALSE.equals(conf.pristineTar())) {
      tried.add("pristine-tar: off ('pristine-tar = False' in " + confFile() + ")");
      return Optional.empty();
    }
    Optional<String> branch = git.pristineTarBranch();
    if (branch.isEmpty()) {
      tried.add("pristine-tar: no pristine-tar branch (local, or origin/pristine-tar)");
      return Optional.empty();
    }
    List<String> files = git.branchFiles(branch.get());
    List<String> deltas = new ArrayList<>();
    for (Compression c : compressions()) {
      if (files.contains(base() + c.extension() + ".delta")) {
        deltas.add(base() + c.extension());
      }
    }
    if (deltas.isEmpty()) {
      tried.add(
          "pristine-tar: "
              + branch.get()
              + " has no "
              + base()
              + ".{"
              + extensions()
              + "}.delta"
              + " (it has: "
              + has(files)
              + ")");
      return Optional.empty();
    }
    String name = deltas.get(0);
    try {
      Optional<String> err = git.pristineTarCheckout(name, files.contains(name + ".asc"), into);
      if (err.isPresent()) {
        tried.add(
            "pristine-tar: checkout " + name + " from " + branch.get() + " failed: " + err.get());
        return Optional.empty();
      }
      List<Path> companions = new ArrayList<>();
      if (files.contains(name + ".asc")) {
        companions.add(into.resolve(name + ".asc"));
      }
      // Component tarballs (SOURCE_UPVER.orig-COMP.tar.*) are on the branch the same way.
      for (String f : files) {
        String comp = f.endsWith(".delta") ? f.substring(0, f.length() - ".delta".length()) : "";
        if (comp.startsWith(source + "_" + upstreamVersion + ".orig-")
            && TarballFiles.ofName(comp).isPresent()) {
          Optional<String> e = git.pristineTarCheckout(comp, files.contains(comp + ".asc"), into);
          if (e.isPresent()) {
            tried.add("pristine-tar: checkout " + comp + " failed: " + e.get());
            return Optional.empty();
          }
          companions.add(into.resolve(comp));
        }
      }
      return Optional.of(
          new OrigTarball(into.resolve(name), Source.PRISTINE_TAR, branch.get(), companions));
    } catch (IOException e) {
      tried.add("pristine-tar: " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<OrigTarball> upstreamTag(GitTarballs git, Path into) {
    String tag = UpstreamTag.name(conf.upstreamTag(), upstreamVersion);
    String what =
        "upstream tag: "
            + tag
            + " (upstream-tag '"
            + conf.upstreamTag()
            + "'"
            + (conf.files().isEmpty() ? ", gbp's default" : " in " + confFile())
            + ")";
    if (!git.validTagName(tag)) {
      tried.add(what + ": not a valid git tag name, refused");
      return Optional.empty();
    }
    Optional<String> treeId = git.tagTree(tag);
    if (treeId.isEmpty()) {
      tried.add(what + ": no such tag");
      return Optional.empty();
    }
    Compression c = tagCompression(git);
    String name = base() + c.extension();
    try {
      Optional<String> err = git.archive(treeId.get(), c, into, name);
      if (err.isPresent()) {
        tried.add(what + ": " + err.get());
        return Optional.empty();
      }
    } catch (IOException e) {
      tried.add(what + ": " + e.getMessage());
      return Optional.empty();
    }
    return Optional.of(new OrigTarball(into.resolve(name), Source.UPSTREAM_TAG, tag, List.of()));
  }

  /**
   * gbp's "auto" compression for a tarball made from the tag: the pristine-tar branch's earlier
   * tarballs' (gbp's guess_comp_type), else gzip.
   */
  private Compression tagCompression(GitTarballs git) {
    if (conf.compression() != null) {
      return TarballFiles.ofGbpName(conf.compression()).orElseThrow();
    }
    return git.pristineTarBranch().stream()
        .flatMap(b -> git.branchFiles(b).stream())
        .filter(f -> f.startsWith(source + "_") && f.endsWith(".delta"))
        .map(f -> TarballFiles.ofName(f.substring(0, f.length() - ".delta".length())))
        .flatMap(Optional::stream)
        .reduce((a, b) -> b)
        .orElse(Compression.GZIP);
  }

  private DebforgeException nothingFound() {
    String tag = UpstreamTag.name(conf.upstreamTag(), upstreamVersion);
    return new DebforgeException(
        ErrorKind.CONFIG,
        tree
            + ": no upstream tarball "
            + base()
            + ".{"
            + extensions()
            + "} for this "
            + format
            + " source, version "
            + upstreamVersion
            + "; tried:\n  "
            + String.join("\n  ", tried),
        "give it with --orig FILE, make it with 'gbp export-orig' (then it is found beside the tree),"
            + " or record it in git with 'pristine-tar commit TARBALL "
            + tag
            + "' and push the pristine-tar branch");
  }

  private String extensions() {
    return compressions().stream()
        .map(c -> c.extension().substring(1))
        .collect(Collectors.joining(","));
  }

  private String confFile() {
    return conf.files().isEmpty()
        ? "debian/gbp.conf"
        : tree.relativize(conf.files().get(conf.files().size() - 1)).toString();
  }

  private static String names(List<Path> ps) {
    return ps.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
  }

  private String has(List<String> files) {
    String s =
        files.stream()
            .filter(f -> f.endsWith(".delta"))
            .map(f -> f.substring(0, f.length() - 6))
            .collect(Collectors.joining(", "));
    return s.isEmpty() ? "nothing" : s;
  }

  /** debian/source/format, "1.0" when absent as dpkg-source assumes. */
  private static String format(Path root) {
    Path f = root.resolve("debian/source/format");
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      return "1.0";
    }
    try {
      return Files.readString(f).strip();
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, f + ": cannot read: " + e.getMessage(), null, e);
    }
  }

  private static DebianVersion version(Path root) {
    Path f = root.resolve("debian/changelog");
    if (!Files.isRegularFile(f)) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          root + ": no debian/changelog",
          "a Debian source tree has one: dch --create");
    }
    return DebianVersion.parse(Changelog.read(f).version());
  }
}
