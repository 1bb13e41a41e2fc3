package org.debforge.debmock.plugins.debiansource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.ListedFile;
import org.debforge.debmock.build.DscValidator;
import org.debforge.debmock.build.SourcePackage;
import org.debforge.debmock.chroot.Trees;

/**
 * The checks of {@code debian_source}, per dpkg-source(1)'s "SOURCE PACKAGE FORMATS": which files
 * each format has, then checksums and signature through {@link DscValidator}, then an unpack.
 */
public final class SourceFormatCheck {
  static final List<String> KNOWN = List.of("1.0", "3.0 (native)", "3.0 (quilt)");

  private static final String TAR = "\\.tar(\\.(gz|xz|bz2|lzma|zst))?";
  private static final Pattern APPLYING = Pattern.compile("applying (\\S+)");
  private static final int NOBODY = 65534;

  private final List<String> formats;
  private final List<Path> keyring;

  public SourceFormatCheck(List<String> formats, List<Path> keyring) {
    this.formats = List.copyOf(formats);
    this.keyring = List.copyOf(keyring);
  }

  /** Checks {@code dsc}; returns the report for debian_source.log, or throws naming the fault. */
  public String check(Path dsc, boolean unpack) {
    SourcePackage src = DscValidator.validate(dsc, keyring);
    StringBuilder report = new StringBuilder();
    report.append(dsc.getFileName()).append(": ").append(src.name()).append(' ');
    report.append(src.version()).append('\n');
    String format = src.format();
    if (!formats.contains(format)) {
      throw fail(dsc, "Format '" + format + "' is not accepted", "accepted: " + formats);
    }
    report.append("format: ").append(format).append('\n');
    checkFiles(dsc, format, src);
    report.append("files and checksums: ok (").append(src.files().size()).append(" files)\n");
    if (src.signer() != null || !keyring.isEmpty()) {
      report.append("signature: ok, key ").append(src.signer()).append('\n');
    }
    if (unpack) {
      report.append(unpack(dsc, src));
    }
    return report.toString();
  }

  private static void checkFiles(Path dsc, String format, SourcePackage src) {
    List<String> names = src.control().files().stream().map(ListedFile::name).toList();
    boolean revision = src.version().contains("-");
    switch (format) {
      case "3.0 (native)" -> {
        require(dsc, names, ".*(?<!\\.orig|\\.debian)" + TAR, 1, "one .tar (the whole tree)");
        if (names.size() != 1) {
          throw fail(dsc, "a 3.0 (native) source has exactly one file", "found " + names);
        }
      }
      case "3.0 (quilt)" -> {
        require(dsc, names, ".*\\.orig" + TAR, 1, "one .orig.tar");
        require(dsc, names, ".*\\.debian" + TAR, 1, "one .debian.tar");
        if (!revision) {
          throw fail(
              dsc,
              "version " + src.version() + " has no Debian revision, which 3.0 (quilt) needs",
              "use 3.0 (native), or add a revision (-1)");
        }
      }
      case "1.0" -> {
        long tars = names.stream().filter(n -> n.matches(".*\\.tar\\.gz")).count();
        long diffs = names.stream().filter(n -> n.endsWith(".diff.gz")).count();
        if (tars != 1 || diffs > 1 || (diffs == 1 && !revision)) {
          throw fail(
              dsc,
              "a 1.0 source has one .tar.gz and, when non-native, one .diff.gz",
              "found " + names);
        }
      }
      default -> throw fail(dsc, "unknown Format '" + format + "'", "one of " + KNOWN);
    }
  }

  private static void require(Path dsc, List<String> names, String regex, int n, String what) {
    long c = names.stream().filter(x -> x.matches(regex)).count();
    if (c != n) {
      throw fail(dsc, "Files must list " + what, "found " + names);
    }
  }

  /**
   * dpkg-source -x as nobody in a scratch copy: it applies the Debian diff or every quilt patch,
   * exactly as the build will.
   */
  private static String unpack(Path dsc, SourcePackage src) {
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("deb-mock-source-");
      List<Path> all = new ArrayList<>(src.files());
      all.add(src.dsc());
      for (Path f : all) {
        Files.copy(
            f, scratch.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
      chownTree(scratch);
      Process p =
          new ProcessBuilder(
                  "setpriv",
                  "--reuid=" + NOBODY,
                  "--regid=" + NOBODY,
                  "--clear-groups",
                  "dpkg-source",
                  "--no-check",
                  "-x",
                  src.dsc().getFileName().toString(),
                  "tree")
              .directory(scratch.toFile())
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        String patch = lastPatch(out);
        throw fail(
            dsc,
            patch != null
                ? "patch " + patch + " does not apply"
                : "dpkg-source -x fails: " + lastLines(out),
            patch != null
                ? "refresh debian/patches/"
                    + patch
                    + " (quilt push -a; quilt refresh)\n"
                    + lastLines(out)
                : "run dpkg-source -x " + dsc.getFileName() + " to see why");
      }
      return "unpack: ok (dpkg-source -x)\n" + out;
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "debian_source: cannot unpack " + dsc + ": " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.IO, "debian_source: interrupted", null, e);
    } finally {
      if (scratch != null) {
        try {
          Trees.deleteRecursively(scratch);
        } catch (IOException e) {
          // a leftover directory in /tmp is harmless
        }
      }
    }
  }

  /** The patch dpkg-source was applying when it failed: its last "applying X" line. */
  static String lastPatch(String out) {
    String last = null;
    Matcher m = APPLYING.matcher(out);
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  private static String lastLines(String out) {
    List<String> lines = out.strip().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
  }

  private static void chownTree(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        Files.setAttribute(p, "unix:uid", NOBODY);
        Files.setAttribute(p, "unix:gid", NOBODY);
      }
    }
  }

  private static DebforgeException fail(Path dsc, String what, String hint) {
    return new DebforgeException(ErrorKind.INVALID_INPUT, dsc.getFileName() + ": " + what, hint);
  }
}
