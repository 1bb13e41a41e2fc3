package org.debforge.cli.compose;

import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import picocli.CommandLine.Command;

/** {@code tumbi-assembler validate}: not written yet. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Not available yet.")
public final class ValidateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return ExitCodes.USAGE;
  }
}
