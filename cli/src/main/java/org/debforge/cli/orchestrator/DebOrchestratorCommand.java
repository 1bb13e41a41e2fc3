package org.debforge.cli.orchestrator;

import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code deb-orchestrator}: Koji-like client commands on the local store or, with {@code --server},
 * on a server; and {@code serve}, the server itself (docs/deb-orchestrator.md).
 */
@Command(
    name = "deb-orchestrator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Artifact store with Koji-style tags: import build results into a content-addressed pool,",
      "organise them with inheritable tags, and see who changed what.",
      "",
      "  deb-orchestrator import result/",
      "  deb-orchestrator add-tag trixie-updates --arches amd64,arm64",
      "  deb-orchestrator add-pkg trixie-updates hello --owner alice",
      "  deb-orchestrator tag-build trixie-updates hello_2.10-3",
      "  deb-orchestrator list-tagged trixie-updates --latest --inherit --json",
      "  deb-orchestrator publish-config trixie-updates --signing-key key.asc",
      "  deb-orchestrator publish trixie-updates --snapshot 2024-06-10",
    },
    footer = {
      "",
      "Store: --store DIR, $DEB_ORCHESTRATOR_STORE, ~/.local/share/deb-orchestrator.",
      "Server: --server URL --token T, $DEB_ORCHESTRATOR_SERVER/_TOKEN,"
          + " ~/.config/deb-orchestrator/config.yaml."
    },
    modelTransformer = ExitCodes.Help.class,
    subcommands = {
      BuildCommands.Import.class,
      BuildCommands.Delete.class,
      BuildCommands.Info.class,
      TagCommands.AddTag.class,
      TagCommands.EditTag.class,
      TagCommands.AddInheritance.class,
      TagCommands.AddTarget.class,
      TagCommands.AddPkg.class,
      TagCommands.ListTags.class,
      TagCommands.TagInfoCommand.class,
      TagCommands.CloneTag.class,
      TaggingCommands.TagBuild.class,
      TaggingCommands.UntagBuild.class,
      TaggingCommands.MoveBuild.class,
      TaggingCommands.ListTagged.class,
      TaggingCommands.LatestBuild.class,
      TaggingCommands.ListHistory.class,
      ComposeCommands.ImportCompose.class,
      ComposeCommands.ListComposes.class,
      ComposeCommands.ComposeInfo.class,
      ComposeCommands.Published.class,
      BuildCommands.Gc.class,
      FsckCommand.class,
      PublishCommands.Publish.class,
      PublishCommands.PublishConfig.class,
      ServeCommand.class,
      TokenCommands.class,
    })
public final class DebOrchestratorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
