package org.debforge.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.debforge.cli.compose.TumbiAssemblerCommand;
import org.debforge.cli.control.ControlCommand;
import org.debforge.cli.deb.DebCommand;
import org.debforge.cli.debmock.DebMockCommand;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.orchestrator.DebOrchestratorCommand;
import org.debforge.cli.ostree.AptOstreeCommand;
import org.debforge.cli.output.VersionProvider;
import org.debforge.cli.pgp.PgpCommand;
import org.debforge.cli.relation.RelationCommand;
import org.debforge.cli.repo.RepoCommand;
import org.debforge.cli.version.VersionCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root of the one command tree; each tool launcher roots itself at its subtree. */
@Command(
    name = "debforge",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Debian distribution build suite: clean-room package builds, an artifact store with tags,",
      "composes, and OSTree deployments. Also Debian format utilities.",
    },
    modelTransformer = ExitCodes.Help.class)
public final class DebforgeCommand implements Callable<Integer> {
  /**
   * The subcommands, in the order help lists them. They are not in the annotation: building every
   * subtree costs picocli half a second of reflection, so {@link Main} builds only the one asked
   * for and lists the others from their annotations.
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ControlCommand.class,
          VersionCommand.class,
          RelationCommand.class,
          DebCommand.class,
          RepoCommand.class,
          PgpCommand.class,
          MirrorCommand.class,
          DebMockCommand.class,
          DebOrchestratorCommand.class,
          TumbiAssemblerCommand.class,
          AptOstreeCommand.class);

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
