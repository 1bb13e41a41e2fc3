package org.debforge.debmock.build;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A clean export of a source tree as a CI workspace holds it, for {@code dpkg-source -b}: what the
 * tree's own files are, never what deb-mock, a Jenkins step or a previous build left in it.
 *
 * <p>In a git work tree that is {@code git ls-files --cached --others --exclude-standard}: tracked
 * files plus untracked files that are not ignored, as {@code gbp buildpackage --git-export=WC}
 * exports the working copy. Elsewhere it is the tree minus dpkg-source's default {@code -I}
 * patterns (VCS directories, object files, editor leftovers). In both, the given directories (the
 * result directory when it lies inside the tree) and {@code .debforge/} (what the Jenkins steps
 * write into the workspace) are left out: the second build in one workspace would otherwise carry
 * the first one's .debs into its source ("unrepresentable changes to source" in 3.0 (quilt)).
 */
public final class TreeExport {
  /** Our own directory at the top of a workspace (the Jenkins steps' helpers). */
  public static final String OWN_DIR = ".debforge";

  /** dpkg-source's default tar-ignore patterns (Dpkg::Source::Package), matched per name. */
  private static final Pattern DPKG_IGNORED =
      Pattern.compile(
          ".*\\.(a|la|o|so)|\\..*\\.sw.|.*~|,,.*|\\.[#~].*|\\.arch-ids|\\.arch-inventory|\\.be"
              + "|\\.bzr|\\.bzr\\.backup|\\.bzr\\.tags|\\.bzrignore|\\.cvsignore|\\.deps|\\.git"
              + "|\\.gitattributes|\\.gitignore|\\.gitmodules|\\.gitreview|\\.hg|\\.hgignore"
              + "|\\.hgsigs|\\.hgtags|\\.mailmap|\\.mtn-ignore|\\.shelf|\\.svn|CVS|DEADJOE|RCS"
              + "|_MTN|_darcs|\\{arch\\}");

  private TreeExport() {}

  /**
   * Copies the tree's own files into {@code into} (which must not exist), keeping modes and
   * symlinks as they are.
   *
   * @param excluded directories left out wherever they are; those outside the tree do not matter
   * @return the exported paths, relative to the tree, sorted
   */
  public static List<String> export(Path tree, Path into, List<Path> excluded) {
    Path root = tree.toAbsolutePath().normalize();
    List<Path> skip = new ArrayList<>();
    skip.add(root.resolve(OWN_DIR));
    for (Path p : excluded) {
      Path abs = p.toAbsolutePath().normalize();
      if (abs.startsWith(root) && !abs.equals(root)) {
        skip.add(abs);
      }
    }
    Set<String> files = isGitWorkTree(root) ? gitFiles(root) : Set.of();
    if (!files.contains("debian/control")) {
      // Not in git, or a tree git ignores (a build directory inside another repository).
      files = plainFiles(root);
    }
    List<String> exported = new ArrayList<>();
    try {
      Files.createDirectories(into.getParent());
      Files.createDirectory(into);
      for (String rel : files) {
        Path from = root.resolve(rel);
        if (skip.stream().anyMatch(from::startsWith)
            || !Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
          continue; // ours, or tracked but deleted in the work tree
        }
        Path to = into.resolve(rel);
        Files.createDirectories(to.getParent());
        if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
          copyDirectory(from, to); // a submodule: git lists only its path
        } else {
          Files.copy(from, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        }
        exported.add(rel);
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO,
          root + ": cannot export the source tree to " + into + ": " + e.getMessage(),
          "check that the tree is readable and " + into.getParent() + " has space",
          e);
    }
    return exported;
  }

  static boolean isGitWorkTree(Path root) {
    if (!Files.exists(root.resolve(".git"), LinkOption.NOFOLLOW_LINKS)
        && !insideGit(root.getParent())) {
      return false;
    }
    return run(root, "rev-parse", "--is-inside-work-tree").strip().equals("true");
  }

  /** Whether a parent holds a .git, without running git for every plain tree. */
  private static boolean insideGit(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> gitFiles(Path root) {
    String out = run(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard");
    Set<String> files = new TreeSet<>();
    for (String f : out.split("\0")) {
      if (!f.isEmpty()) {
        files.add(f);
      }
    }
    return files;
  }

  private static Set<String> plainFiles(Path root) {
    Set<String> files = new TreeSet<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
              return !d.equals(root) && ignored(d)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
              if (!ignored(f)) {
                files.add(root.relativize(f).toString());
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, root + ": cannot read the source tree: " + e.getMessage(), null, e);
    }
    return files;
  }

  private static boolean ignored(Path p) {
    return DPKG_IGNORED.matcher(p.getFileName().toString()).matches();
  }

  private static void copyDirectory(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
              throws IOException {
            if (!d.equals(from) && ignored(d)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(from.relativize(d).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            if (!ignored(f)) {
              Files.copy(
                  f,
                  to.resolve(from.relativize(f).toString()),
                  LinkOption.NOFOLLOW_LINKS,
                  StandardCopyOption.COPY_ATTRIBUTES);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Runs git read-only in the tree. {@code safe.directory=*}: a workspace checked out by another
   * user (the Jenkins agent's) must still be listed when deb-mock runs as root.
   */
  private static String run(Path root, String... args) {
    List<String> cmd =
        new ArrayList<>(List.of("git", "-c", "safe.directory=*", "-C", root.toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
      String out = new String(p.getInputStream().readAllBytes());
      String err = new String(p.getErrorStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new DebforgeException(
            ErrorKind.TOOL_FAILED,
            root + ": " + String.join(" ", cmd) + " failed: " + err.strip(),
            "check that git can read the repository");
      }
      return out;
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.TOOL_FAILED,
          root + ": cannot run git: " + e.getMessage(),
          "install git (scripts/install-deps)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.TOOL_FAILED, "interrupted running git", null, e);
    }
  }
}
