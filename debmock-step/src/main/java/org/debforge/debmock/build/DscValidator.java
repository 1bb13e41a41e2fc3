package org.debforge.debmock.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Dsc;
import org.debforge.core.control.ListedFile;
import org.debforge.core.pgp.ClearsignedMessage;
import org.debforge.core.pgp.Keyring;
import org.debforge.core.pgp.Verifier;

/**
 * Checks a .dsc before anything of it enters a build root: its signature when the config names a
 * keyring, every listed file present with the right size and checksums and a plain name ({@link
 * Dsc#verifyFiles}), and no tarball member that could land outside the unpacked tree. dpkg-source
 * then does the unpacking, with its own checks on top.
 */
public final class DscValidator {
  private DscValidator() {}

  /** Validates {@code dsc} without a signature check. */
  public static SourcePackage validate(Path dsc) {
    return validate(dsc, List.of());
  }

  /**
   * Validates {@code dsc}; when {@code keyring} names files, the .dsc must also be clearsigned by a
   * key in them (else VERIFICATION_FAILED), and only the signed text is read.
   */
  public static SourcePackage validate(Path dsc, List<Path> keyring) {
    if (!Files.isRegularFile(dsc)) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, "no such .dsc: " + dsc, "give the path of a Debian source package");
    }
    Dsc control;
    String signer = null;
    if (keyring.isEmpty()) {
      control = Dsc.read(dsc);
    } else {
      String text = Deb822.readText(dsc);
      if (!ClearsignedMessage.isClearsigned(text)) {
        throw new DebforgeException(
            ErrorKind.VERIFICATION_FAILED,
            dsc + ": not signed, but the config's dsc_keyring requires a signature",
            "sign it with 'debsign' (or 'gpg --clearsign'), or drop dsc_keyring from the config");
      }
      Verifier.Verification v =
          new Verifier(Keyring.read(keyring.toArray(Path[]::new)))
              .verifyClearsigned(text, dsc.toString());
      control = Dsc.parse(v.signedText(), dsc.toString());
      signer = v.fingerprint();
    }
    Path dir = dsc.toAbsolutePath().getParent();
    control.verifyFiles(dir);
    List<Path> files = new ArrayList<>();
    for (ListedFile f : control.files()) {
      Path file = dir.resolve(f.name());
      if (isTarball(f.name())) {
        checkTarball(dsc, file);
      }
      files.add(file);
    }
    return new SourcePackage(dsc.toAbsolutePath(), control, files, signer);
  }

  static boolean isTarball(String name) {
    return name.matches(".*\\.tar(\\.(gz|xz|bz2|lzma|zst))?$");
  }

  /** Refuses members that are absolute, climb with {@code ..}, or are device nodes. */
  static void checkTarball(Path dsc, Path tarball) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarball));
        InputStream in = decompress(raw, tarball);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String n = e.getName();
        boolean climbs =
            n.startsWith("/")
                || n.equals("..")
                || n.startsWith("../")
                || n.contains("/../")
                || n.endsWith("/..");
        boolean linkClimbs =
            e.isLink() && (e.getLinkName().startsWith("/") || e.getLinkName().contains(".."));
        if (climbs || linkClimbs || e.isCharacterDevice() || e.isBlockDevice()) {
          throw new DebforgeException(
              ErrorKind.UNSAFE_INPUT,
              dsc + ": " + tarball.getFileName() + ": unsafe member '" + n + "'",
              "a source tarball may only contain files below its top directory");
        }
      }
    } catch (IOException e) {
      throw new FormatException(
          ErrorKind.INVALID_INPUT,
          tarball.toString(),
          0,
          null,
          "not a readable tarball: " + e.getMessage(),
          "fetch the source again",
          e);
    }
  }

  private static InputStream decompress(InputStream raw, Path tarball) throws IOException {
    if (tarball.toString().endsWith(".tar")) {
      return raw;
    }
    try {
      return new CompressorStreamFactory().createCompressorInputStream(raw);
    } catch (CompressorException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
