package org.debforge.compose.rootfs;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.compose.blueprint.FileSpec;
import org.debforge.compose.blueprint.ScriptSpec;
import org.debforge.compose.tool.Sandbox;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Makes a compose's root filesystem: mmdebstrap from the exact-set repository, a check that dpkg's
 * installed set equals the lock, then the blueprint's files, users and postprocess scripts.
 *
 * <p>The root is built under a hidden name beside the target and renamed to it only when every step
 * succeeded; on failure the unfinished root is deleted, so the target exists only complete.
 */
public final class RootfsBuilder {
  private final Sandbox sandbox = new Sandbox();

  /**
   * Builds the root at {@code request.target()}: installed packages equal the lock exactly.
   *
   * @return the root folder
   * @throws org.debforge.core.DebforgeException COMPOSE_FAILED naming the step and the log
   */
  public Path build(RootfsRequest request) {
    check(request);
    Path target = request.target().toAbsolutePath().normalize();
    ToolLog log = new ToolLog(request.log(), "rootfs");
    Path work;
    try {
      Files.createDirectories(target.getParent());
      work = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".rootfs-");
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "rootfs: cannot create a folder beside " + target + ": " + e, null, e);
    }
    Path root = work.resolve("root");
    try {
      Path key = Bootstrap.stageKey(request.keyring(), work);
      Files.setPosixFilePermissions(work, FileInstaller.permissions(0755));
      List<String> components = Bootstrap.components(request.repo(), request.suite());
      Files.createDirectory(root);
      Files.setPosixFilePermissions(root, FileInstaller.permissions(0755));
      List<String> mmdebstrap =
          Bootstrap.command(
              request.repo(),
              request.suite(),
              components,
              request.arch(),
              key,
              request.packages(),
              root);
      int rc = log.run(mmdebstrap, null);
      if (rc != 0) {
        throw new DebforgeException(
            ErrorKind.COMPOSE_FAILED,
            "rootfs: mmdebstrap exited "
                + rc
                + " installing from "
                + request.repo()
                + "; see "
                + log.file()
                + log.tail(),
            "the log shows apt's or dpkg's complaint; the repository must hold the whole lock");
      }
      InstalledSet.requireEqual(
          InstalledSet.read(root), InstalledSet.of(request.packages()), log.file());
      forgetComposeRepository(root, request.repo());
      for (FileSpec f : request.files()) {
        log.line("==> file " + f.dest() + " from " + f.source());
        FileInstaller.install(root, f);
      }
      SysUsers.apply(root, request.users(), log, sandbox);
      Postprocess.run(root, request.postprocess(), sandbox, log);
      // A script may have run dpkg: the promise is about the finished root.
      InstalledSet.requireEqual(
          InstalledSet.read(root), InstalledSet.of(request.packages()), log.file());
      Files.move(root, target, StandardCopyOption.ATOMIC_MOVE);
      log.line("==> rootfs complete: " + target);
      deleteTree(work);
      return target;
    } catch (IOException e) {
      deleteTree(work);
      if (e instanceof AtomicMoveNotSupportedException) {
        throw new DebforgeException(
            ErrorKind.IO,
            "rootfs: cannot rename the finished root to " + target + ": " + e,
            null,
            e);
      }
      throw new DebforgeException(ErrorKind.IO, "rootfs: " + e, "see " + log.file(), e);
    } catch (RuntimeException e) {
      log.line("==> rootfs failed: " + e.getMessage());
      deleteTree(work);
      throw e;
    }
  }

  /** Refuses a request before minutes of mmdebstrap, for what can be seen without a root. */
  static void check(RootfsRequest r) {
    if (Files.exists(r.target(), LinkOption.NOFOLLOW_LINKS)) {
      throw new DebforgeException(
          ErrorKind.CONFLICT,
          "rootfs: the target " + r.target() + " already exists",
          "each compose makes a new root; remove it or choose another compose folder");
    }
    if (r.packages().isEmpty()) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED, "rootfs: the lock is empty", "run the gather phase first");
    }
    Path inRelease = r.repo().resolve("dists").resolve(r.suite()).resolve("InRelease");
    if (!Files.isRegularFile(inRelease)) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "rootfs: " + inRelease + " does not exist",
          "the rootfs phase installs from the createrepo phase's signed repository");
    }
    if (!Files.isRegularFile(r.keyring())) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, "rootfs: the repository key " + r.keyring() + " does not exist");
    }
    for (FileSpec f : r.files()) {
      RootPath.checkDest(f.dest(), "files: " + f.dest());
      if (!Files.isRegularFile(f.source())) {
        throw new DebforgeException(
            ErrorKind.NOT_FOUND,
            "files: " + f.dest() + ": source " + f.source() + " is not a regular file",
            "src is resolved against the blueprint's folder");
      }
    }
    SysUsers.render(r.users());
    for (ScriptSpec s : r.postprocess()) {
      if (s.file().isPresent() && !Files.isReadable(s.file().get())) {
        throw new DebforgeException(
            ErrorKind.NOT_FOUND,
            "postprocess: " + s.name() + ": cannot read " + s.file().get(),
            "file is resolved against the blueprint's folder");
      }
    }
    if (!FileInstaller.runningAsRoot()) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "rootfs: needs root (mmdebstrap --mode=root, files owned by root)",
          "run tumbi-assembler compose as root, as CI does");
    }
  }

  /**
   * mmdebstrap leaves the source it installed from in the root's APT config; that {@code copy://}
   * URL names a folder on the compose host, which the shipped system cannot reach.
   */
  private static void forgetComposeRepository(Path root, Path repo) throws IOException {
    String marker = "copy://" + repo.toAbsolutePath().normalize();
    Path list = root.resolve("etc/apt/sources.list");
    if (Files.isRegularFile(list, LinkOption.NOFOLLOW_LINKS)
        && Files.readString(list).contains(marker)) {
      Files.writeString(
          list, "# The compose was installed from its own repository; add sources with files:.\n");
    }
    Path dir = root.resolve("etc/apt/sources.list.d");
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path f : s.toList()) {
          if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
              && Files.readString(f).contains(marker)) {
            Files.delete(f);
          }
        }
      }
    }
  }

  /**
   * Deletes an unfinished root, never crossing into a file system mounted inside it (a leftover
   * {@code /proc} or {@code /dev} bind of an interrupted tool): then it is left for a human.
   */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      String prefix = dir.toRealPath() + "/";
      for (String l : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] w = l.split(" ");
        if (w.length > 4 && (w[4] + "/").startsWith(prefix)) {
          return;
        }
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // Best effort: the hidden folder is never mistaken for a finished root.
    }
  }
}
