package org.debforge.debmock.build.orig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.debforge.core.deb.Compression;

/**
 * The orig tarballs a git packaging repository can make, as {@code gbp buildpackage} makes them:
 * {@code pristine-tar checkout} from the pristine-tar branch (bit for bit the tarball that was
 * committed), else {@code git archive} of the upstream tag, compressed as gbp compresses it.
 * Nothing is written into the repository.
 */
final class GitTarballs {
  private final Path tree;
  private final String source;
  private final String upstreamVersion;

  GitTarballs(Path tree, String source, String upstreamVersion) {
    this.tree = tree;
    this.source = source;
    this.upstreamVersion = upstreamVersion;
  }

  boolean isRepository() {
    return Tool.git(tree, "rev-parse", "--git-dir").ok();
  }

  /**
   * The pristine-tar branch as gbp and pristine-tar pick it: the local one, else {@code
   * origin/pristine-tar} (all a fresh clone has), else the one remote's.
   */
  Optional<String> pristineTarBranch() {
    if (Tool.git(tree, "rev-parse", "--verify", "-q", "refs/heads/pristine-tar").ok()) {
      return Optional.of("pristine-tar");
    }
    if (Tool.git(tree, "rev-parse", "--verify", "-q", "refs/remotes/origin/pristine-tar").ok()) {
      return Optional.of("origin/pristine-tar");
    }
    List<String> remotes =
        Tool.git(tree, "for-each-ref", "--format=%(refname:short)", "refs/remotes/*/pristine-tar")
            .out()
            .lines()
            .filter(l -> !l.isBlank())
            .toList();
    return remotes.size() == 1 ? Optional.of(remotes.get(0)) : Optional.empty();
  }

  /** The files on the pristine-tar branch (NAME.delta, NAME.id, NAME.asc). */
  List<String> branchFiles(String branch) {
    return Tool.git(tree, "ls-tree", "--name-only", branch + "^{tree}").out().lines().toList();
  }

  /**
   * Checks out {@code name} (and its .asc when the branch has one) into {@code dir}.
   *
   * @return the error pristine-tar printed, or empty on success
   */
  Optional<String> pristineTarCheckout(String name, boolean signature, Path dir)
      throws IOException {
    Path work = Files.createTempDirectory(dir, ".pristine-tar-");
    try {
      List<String> cmd = new ArrayList<>(List.of("pristine-tar", "checkout"));
      if (signature) {
        cmd.addAll(List.of("-s", work.resolve(name + ".asc").toString()));
      }
      cmd.add(work.resolve(name).toString());
      Tool.Result r = Tool.run(tree, cmd, null);
      if (!r.ok()) {
        return Optional.of(r.err().isEmpty() ? "exit " + r.code() : lastLine(r.err()));
      }
      // Renamed into place only once pristine-tar has written the whole tarball.
      try (var made = Files.list(work)) {
        for (Path f : made.toList()) {
          Files.move(
              f,
              dir.resolve(f.getFileName()),
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return Optional.empty();
    } finally {
      try (var left = Files.list(work)) {
        for (Path f : left.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(work);
    }
  }

  /** Whether {@code tag} is a name git accepts for a tag (no {@code ..}, no control characters). */
  boolean validTagName(String tag) {
    return !tag.startsWith("-") && Tool.git(tree, "check-ref-format", "refs/tags/" + tag).ok();
  }

  /** The tree of tag {@code tag}, if the repository has that tag. */
  Optional<String> tagTree(String tag) {
    Tool.Result r = Tool.git(tree, "rev-parse", "--verify", "-q", "refs/tags/" + tag + "^{tree}");
    return r.ok() ? Optional.of(r.out().strip()) : Optional.empty();
  }

  /**
   * {@code git archive --prefix=SOURCE-UPVER/} of {@code treeish}, compressed as gbp's Compressor
   * does ({@code gzip -n}, so the tarball holds no time stamp; {@code xz}, {@code bzip2}, {@code
   * lzma} at their default levels), written as {@code dir/name}.
   *
   * @return git's or the compressor's error, or empty on success
   */
  Optional<String> archive(String treeish, Compression c, Path dir, String name)
      throws IOException {
    Path tar = Files.createTempFile(dir, ".upstream-", ".tar");
    Path tmp = dir.resolve("." + name + ".tmp");
    try {
      Tool.Result a =
          Tool.git(
              tree,
              "archive",
              "--format=tar",
              "--prefix=" + source + "-" + upstreamVersion + "/",
              "--output=" + tar,
              treeish);
      if (!a.ok()) {
        return Optional.of("git archive " + treeish + ": " + lastLine(a.err()));
      }
      String compressor = gbpCommand(c);
      List<String> cmd = new ArrayList<>(List.of(compressor));
      if (c == Compression.GZIP) {
        cmd.add("-n");
      }
      cmd.addAll(List.of("-c", tar.toString()));
      Tool.Result z = Tool.run(dir, cmd, tmp);
      if (!z.ok()) {
        return Optional.of(compressor + ": " + lastLine(z.err()));
      }
      Files.move(
          tmp,
          dir.resolve(name),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return Optional.empty();
    } finally {
      Files.deleteIfExists(tar);
      Files.deleteIfExists(tmp);
    }
  }

  private static String gbpCommand(Compression c) {
    return TarballFiles.gbpName(c);
  }

  private static String lastLine(String err) {
    List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "failed" : lines.get(lines.size() - 1).strip();
  }
}
