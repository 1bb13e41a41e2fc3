package org.debforge.compose.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.debforge.compose.lock.LockedPackage;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;

/**
 * The mmdebstrap run that installs the lock from the compose's repository.
 *
 * <p>Strategy: {@code --variant=essential} (dpkg unpacks the repository's Essential:yes packages,
 * which the lock holds since the repository holds exactly the lock) and {@code --include} of every
 * locked package pinned to its version, installed by apt with recommends and suggests off. Apt can
 * then add nothing the lock does not name: the repository offers nothing else, and each locked
 * package is asked for by name and version. A required or important variant would select by
 * Priority instead, which ties the result to the index's Priority values rather than to the lock.
 *
 * <p>Mode: {@code root}. The compose runs as root (as CI does), so mmdebstrap chroots directly and
 * the files are owned by the real root with no id mapping, as the OSTree commit made from them
 * needs; unshare mode as root would add a user namespace for no gain.
 */
final class Bootstrap {
  private Bootstrap() {}

  /** The mmdebstrap command line, for the log and the tests. */
  static List<String> command(
      Path repo,
      String suite,
      List<String> components,
      String arch,
      Path keyring,
      List<LockedPackage> lock,
      Path into) {
    Set<String> archs = new LinkedHashSet<>();
    archs.add(arch);
    List<String> include = new ArrayList<>();
    for (LockedPackage p : lock) {
      boolean foreign = !p.arch().equals(arch) && !p.arch().equals("all");
      if (foreign) {
        archs.add(p.arch());
      }
      include.add(p.name() + (foreign ? ":" + p.arch() : "") + "=" + p.version());
    }
    List<String> c = new ArrayList<>();
    c.add("mmdebstrap");
    c.add("--mode=root");
    c.add("--variant=essential");
    c.add("--format=directory");
    c.add("--architectures=" + String.join(",", archs));
    c.add("--aptopt=APT::Install-Recommends \"false\"");
    c.add("--aptopt=APT::Install-Suggests \"false\"");
    c.add("--aptopt=Acquire::Languages \"none\"");
    c.add("--include=" + String.join(",", include));
    c.add(suite);
    c.add(into.toAbsolutePath().toString());
    // copy://, not file:// (DESIGN.md: with file:// the set mmdebstrap installs differed):
    // apt copies the .debs into its archive cache as from a mirror, where mmdebstrap's
    // essential stage unpacks them from.
    c.add(
        "deb [signed-by="
            + keyring.toAbsolutePath()
            + "] copy://"
            + repo.toAbsolutePath().normalize()
            + " "
            + suite
            + " "
            + String.join(" ", components));
    return c;
  }

  /** The components the suite's Release lists (main when it lists none). */
  static List<String> components(Path repo, String suite) {
    Path release = repo.resolve("dists").resolve(suite).resolve("Release");
    Path inRelease = release.resolveSibling("InRelease");
    Paragraph p;
    if (Files.isRegularFile(release)) {
      p = Deb822.readOne(release);
    } else if (Files.isRegularFile(inRelease)) {
      String source = inRelease.toString();
      p =
          Deb822.parseOne(
              Deb822.unwrapClearsigned(Deb822.readText(inRelease), source).text(), source);
    } else {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          "rootfs: " + inRelease + " does not exist",
          "the rootfs phase installs from the createrepo phase's signed repository");
    }
    String comps = p.get("Components").orElse("main").strip();
    return List.of(comps.isEmpty() ? new String[] {"main"} : comps.split("\\s+"));
  }

  /**
   * Copies the repository's key where apt's unprivileged downloader can read it, named as apt wants
   * it: {@code .asc} when armored, {@code .gpg} when binary.
   */
  static Path stageKey(Path keyring, Path dir) {
    try {
      byte[] data = Files.readAllBytes(keyring);
      boolean armored =
          new String(data, 0, Math.min(data.length, 64), "ISO-8859-1").contains("-----BEGIN PGP");
      Path out = dir.resolve(armored ? "compose-repo.asc" : "compose-repo.gpg");
      Files.write(out, data);
      Files.setPosixFilePermissions(out, FileInstaller.permissions(0644));
      return out;
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          "rootfs: cannot read the repository key " + keyring + ": " + e,
          "give the public key the compose repository's InRelease is signed with",
          e);
    }
  }
}
