package org.debforge.cli;

import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The tools' subtrees not written yet. Each is filled by its own module; until then it explains
 * what it will do and exits with {@link ExitCodes#USAGE}, so scripts fail loudly rather than
 * silently.
 */
final class ToolCommands {
  private ToolCommands() {}

  abstract static class Pending implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().usage(spec.commandLine().getErr());
      spec.commandLine()
          .getErr()
          .println("\n" + spec.name() + ": not available in this build of debforge yet.");
      return ExitCodes.USAGE;
    }
  }

  @Command(
      name = "apt-ostree",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      modelTransformer = ExitCodes.Help.class,
      description = "OSTree deployments with Debian package layering and rollback.")
  static final class AptOstree extends Pending {}
}
