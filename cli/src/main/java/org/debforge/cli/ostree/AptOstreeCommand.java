package org.debforge.cli.ostree;

import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code apt-ostree}: rpm-ostree's job for Debian, over ostree-agent's engine. */
@Command(
    name = "apt-ostree",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    modelTransformer = ExitCodes.Help.class,
    description = {
      "OSTree deployments with Debian package layering and rollback, as rpm-ostree does for",
      "Fedora: the commands, options, JSON fields and exit codes are rpm-ostree's.",
      "",
      "Each change makes a new deployment and keeps the previous one bootable: install and",
      "uninstall build a layered commit (the base checked out, the packages resolved against",
      "the base's APT sources, installed by dpkg in a sandbox, committed with the base as",
      "parent); rollback and kargs deploy again with other settings. --sysroot PATH works on an",
      "offline physical root (image builders, tests) instead of the booted machine.",
      "",
      "Examples:",
      "  apt-ostree status --json",
      "  apt-ostree install --sysroot /mnt/sysroot hello less",
      "  apt-ostree kargs --append=quiet",
      "  apt-ostree rollback",
      "",
    },
    footer = {"", "Commands, JSON and the layering design: docs/apt-ostree.md."},
    subcommands = {
      StatusCommand.class,
      PackageCommands.Install.class,
      PackageCommands.Uninstall.class,
      PackageCommands.OverrideCommand.class,
      DeploymentCommands.Deploy.class,
      DeploymentCommands.Upgrade.class,
      DeploymentCommands.Rebase.class,
      DeploymentCommands.Rollback.class,
      KargsCommand.class,
      DeploymentCommands.Cleanup.class,
      PendingCommands.Initramfs.class,
      PendingCommands.Db.class,
      PendingCommands.Cancel.class
    })
public final class AptOstreeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
