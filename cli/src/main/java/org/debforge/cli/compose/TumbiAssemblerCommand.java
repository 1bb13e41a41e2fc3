package org.debforge.cli.compose;

import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tumbi-assembler}: Pungi's job for Debian, composing a distribution from a blueprint. */
@Command(
    name = "tumbi-assembler",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    modelTransformer = ExitCodes.Help.class,
    description = {
      "Compose a distribution from a blueprint: resolve the package set as apt would,",
      "publish it as a signed APT repository of exactly that set, build the root",
      "filesystem from it, and write Pungi-style compose metadata.",
      "",
      "Examples:",
      "  tumbi-assembler validate blueprint.yaml",
      "  tumbi-assembler resolve blueprint.yaml --why openssh-server",
      "  tumbi-assembler compose blueprint.yaml --target composes/",
      "",
    },
    footer = {"", "Blueprints: docs/blueprint.md. Compose layout: docs/compose.md."},
    subcommands = {
      ValidateCommand.class,
      ResolveCommand.class,
      ComposeCommand.class,
      SolverCommands.EdspSolverCommand.class,
      SolverCommands.InstallSolverCommand.class
    })
public final class TumbiAssemblerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
