package org.debforge.debmock.lock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.lock.BuildrootLock.LockedPackage;
import org.debforge.debmock.lock.InstalledPackages.Entry;
import org.debforge.debmock.plugin.api.ResolvedSet;

/**
 * {@code --hermetic-build LOCKFILE}: the build root is made again from exactly the lock's packages
 * with no network and no index update: the base root named by the lock from the local cache, and
 * every other package from its .deb in the shared apt archive, checked against the lock's sha256
 * before anything is built.
 */
public final class HermeticBuild {
  private final BuildrootLock lock;
  private final Path lockFile;

  /** The last successful check (base root, archive) and its answer: one check per build. */
  private List<Path> verifiedFor;

  private List<String> verifiedDebs;

  public HermeticBuild(BuildrootLock lock, Path lockFile) {
    this.lock = lock;
    this.lockFile = lockFile;
  }

  public static HermeticBuild read(Path lockFile) {
    return new HermeticBuild(BuildrootLock.read(lockFile), lockFile);
  }

  public BuildrootLock lock() {
    return lock;
  }

  /** The lock's base root in the local cache ({@code CACHE/<config>/<base_root>/root}). */
  public Path baseRoot(Path cacheDir, String configName) {
    if (!lock.config().equals(configName)) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "--hermetic-build " + lockFile + " locks config " + lock.config() + ", not " + configName,
          "build with -r " + lock.config());
    }
    Path dir = cacheDir.resolve(configName).resolve(lock.baseRoot());
    if (!Files.exists(dir.resolve("complete"))) {
      throw new DebforgeException(
          ErrorKind.DEPENDENCY_RESOLUTION,
          "--hermetic-build: the base root "
              + lock.baseRoot()
              + " of "
              + lockFile
              + " is not in the cache ("
              + dir
              + " is missing)",
          "a hermetic build never makes a root from the network; the base root was removed"
              + " (--scrub) or the lock comes from another machine");
    }
    return dir.resolve("root");
  }

  /**
   * Checks that the base root holds exactly the lock's base packages and that every other package
   * has its .deb, with the lock's sha256, in {@code archive}; throws naming every problem.
   *
   * @return the .debs to install, as file names in the archive
   */
  public synchronized List<String> verify(Path baseRoot, Path archive) {
    if (List.of(baseRoot, archive).equals(verifiedFor)) {
      return verifiedDebs;
    }
    List<String> problems = new ArrayList<>();
    Set<Entry> base =
        new HashSet<>(InstalledPackages.installed(InstalledPackages.statusFile(baseRoot)));
    List<String> debs = new ArrayList<>();
    for (LockedPackage p : lock.packages()) {
      Entry e = new Entry(p.name(), p.version(), p.architecture());
      if (p.inBaseRoot()) {
        if (!base.contains(e)) {
          problems.add(e.line() + ": not in the base root " + lock.baseRoot());
        }
        continue;
      }
      Path deb = archive.resolve(p.archiveFileName());
      if (p.sha256() == null) {
        problems.add(e.line() + ": the lock has no sha256 for it");
      } else if (!Files.isRegularFile(deb)) {
        problems.add(e.line() + ": missing " + deb);
      } else {
        String actual = sha256(deb);
        if (!actual.equals(p.sha256())) {
          problems.add(
              e.line() + ": " + deb + " has sha256 " + actual + ", the lock " + p.sha256());
        }
      }
      debs.add(p.archiveFileName());
    }
    if (!problems.isEmpty()) {
      throw new DebforgeException(
          ErrorKind.DEPENDENCY_RESOLUTION,
          "--hermetic-build "
              + lockFile
              + ": "
              + problems.size()
              + " package(s) cannot be installed offline:\n  "
              + String.join("\n  ", problems),
          "build once online with the same packages (the apt_cache plugin keeps the .debs in "
              + archive
              + "), or copy the missing .debs there");
    }
    verifiedFor = List.of(baseRoot, archive);
    verifiedDebs = List.copyOf(debs);
    return verifiedDebs;
  }

  /** The packages to install over the base root, as the deps cache keys them. */
  public ResolvedSet toInstall() {
    return new ResolvedSet(
        lock.installed().stream()
            .map(p -> new ResolvedSet.Pkg(p.name(), p.version(), p.architecture()))
            .toList());
  }

  /** apt-get installing exactly these .debs from the archive, never downloading. */
  public static List<String> installCommand(List<String> debs) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "apt-get",
                "install",
                "-y",
                "--no-install-recommends",
                "--no-download",
                "-o",
                "APT::Get::Allow-Downgrades=false"));
    debs.forEach(d -> cmd.add("/var/cache/apt/archives/" + d));
    return cmd;
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0; ) {
        d.update(buf, 0, r);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "cannot read " + file, null, e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
