package org.debforge.cli.compose;

import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import picocli.CommandLine.Command;

/** {@code tumbi-assembler compose}: not written yet. */
@Command(name = "compose", mixinStandardHelpOptions = true, description = "Not available yet.")
public final class ComposeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return ExitCodes.USAGE;
  }
}
