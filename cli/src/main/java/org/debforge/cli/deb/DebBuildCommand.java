package org.debforge.cli.deb;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.core.control.Deb822;
import org.debforge.core.deb.Compression;
import org.debforge.core.deb.DebWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code debforge deb build}: a reproducible {@code dpkg-deb -b}. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Build OUTPUT.deb from a control file and a directory tree, reproducibly: sorted entries,",
      "root:root, one fixed mtime, md5sums generated."
    })
final class DebBuildCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CONTROL", description = "The binary control paragraph.")
  Path control;

  @Parameters(index = "1", paramLabel = "DIR", description = "The tree to install, as '/'.")
  Path tree;

  @Parameters(index = "2", paramLabel = "OUTPUT")
  Path output;

  @Option(
      names = {"-Z", "--compression"},
      defaultValue = "xz",
      description = "none, gzip, xz or zstd (default: ${DEFAULT-VALUE}).")
  Compression compression;

  @Option(
      names = "--mtime",
      description = "Timestamp of every entry (default: $SOURCE_DATE_EPOCH, else 0).")
  Long mtime;

  @Override
  public Integer call() {
    long t = mtime != null ? mtime : sourceDateEpoch();
    DebWriter.of(Deb822.readOne(control))
        .compression(compression)
        .mtime(t)
        .tree(tree)
        .write(output);
    return ExitCodes.OK;
  }

  private static long sourceDateEpoch() {
    String v = System.getenv("SOURCE_DATE_EPOCH");
    return v != null && v.matches("[0-9]{1,18}") ? Long.parseLong(v) : 0;
  }
}
