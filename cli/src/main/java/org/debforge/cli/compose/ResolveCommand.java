package org.debforge.cli.compose;

import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import picocli.CommandLine.Command;

/** {@code tumbi-assembler resolve}: not written yet. */
@Command(name = "resolve", mixinStandardHelpOptions = true, description = "Not available yet.")
public final class ResolveCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return ExitCodes.USAGE;
  }
}
