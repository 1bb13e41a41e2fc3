package org.debforge.debmock.build.orig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.deb.Compression;
import org.debforge.debmock.build.orig.OrigTarball.Source;

/**
 * {@code --orig FILE}: the user names the upstream tarball. It must be a compressed tar archive;
 * named {@code SOURCE_UPVER.orig.tar.EXT} it is used as it is, named otherwise (an upstream release
 * such as {@code hello-2.10.tar.gz}) it is copied under that name with the extension of what it
 * really holds, as {@code gbp import-orig} does. A Debian orig name of another version is refused:
 * that is the wrong tarball, not a differently named one.
 */
final class OrigOption {
  private OrigOption() {}

  static OrigTarball place(Path option, String source, String upstreamVersion, Path into)
      throws IOException {
    Path file = option.toAbsolutePath().normalize();
    String hint =
        "give the upstream tarball "
            + source
            + "_"
            + upstreamVersion
            + ".orig.tar.{gz,xz,bz2,lzma}";
    if (!Files.exists(file)) {
      throw new DebforgeException(ErrorKind.NOT_FOUND, "--orig " + option + ": no such file", hint);
    }
    if (Files.isDirectory(file)) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "--orig " + option + ": is a directory, not a tarball",
          hint + " (make one from a directory with 'gbp export-orig' or tar)");
    }
    if (!Files.isRegularFile(file)) {
      throw new DebforgeException(
          ErrorKind.UNSAFE_INPUT, "--orig " + option + ": not a regular file", hint);
    }
    String name = file.getFileName().toString();
    String wanted = source + "_" + upstreamVersion + ".orig.tar";
    if (name.matches(java.util.regex.Pattern.quote(source) + "_.*\\.orig\\.tar\\..*")
        && !name.startsWith(wanted + ".")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "--orig "
              + option
              + ": the upstream tarball of another version; debian/changelog's upstream version is "
              + upstreamVersion,
          hint + ", or add a changelog entry for that version (dch -v)");
    }
    String[] why = new String[1];
    Optional<Compression> holds = TarballFiles.sniff(file, why);
    if (holds.isEmpty()) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "--orig "
              + option
              + (Files.isSymbolicLink(option) ? " (a link to " + file.toRealPath() + ")" : "")
              + ": "
              + why[0],
          hint);
    }
    Optional<Compression> named = TarballFiles.ofName(name);
    if (named.isPresent() && named.get() != holds.get() && name.startsWith(wanted + ".")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "--orig "
              + option
              + ": named ."
              + named.get().extension().substring(1)
              + " but holds "
              + TarballFiles.gbpName(holds.get())
              + " data",
          "rename it " + wanted + holds.get().extension());
    }
    String target = wanted + holds.get().extension();
    Path placed = TarballFiles.place(file, into, target);
    List<Path> companions = new ArrayList<>();
    Path asc = file.resolveSibling(name + ".asc");
    if (Files.isRegularFile(asc)) {
      companions.add(TarballFiles.place(asc, into, target + ".asc"));
    }
    return new OrigTarball(placed, Source.OPTION, file.toString(), companions);
  }
}
