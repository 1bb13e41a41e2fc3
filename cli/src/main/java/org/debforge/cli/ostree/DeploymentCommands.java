package org.debforge.cli.ostree;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.debforge.ostree.deploy.AptOstree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code deploy}, {@code upgrade}, {@code rebase}, {@code rollback}, {@code cleanup}. */
final class DeploymentCommands {
  private DeploymentCommands() {}

  @Command(
      name = "deploy",
      mixinStandardHelpOptions = true,
      description = {
        "Deploy REV (a checksum, a ref, or a version on the origin's ref) as the new base,",
        "with the layered packages installed on it again. The origin pins it",
        "(override-commit) until the next upgrade."
      })
  static final class Deploy implements Callable<Integer> {
    @Parameters(paramLabel = "REV")
    String rev;

    @Mixin Common.SysrootOption sysroot;
    @Mixin Common.LayerOptions layer;
    @Mixin Common.ChangeOptions change;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      AptOstree e = Common.engine(sysroot, layer);
      return Common.finish(e.deploy(rev), change, sysroot, spec.commandLine().getOut());
    }
  }

  @Command(
      name = "upgrade",
      mixinStandardHelpOptions = true,
      description = {
        "Deploy the newest commit of the origin's ref (pulled first for a remote:ref), with the",
        "layered packages installed on it again."
      })
  static final class Upgrade implements Callable<Integer> {
    @Option(names = "--check", description = "Only say whether an upgrade is available.")
    boolean check;

    @Option(names = "--preview", description = "As --check (package diffs come with db diff).")
    boolean preview;

    @Mixin Common.SysrootOption sysroot;
    @Mixin Common.LayerOptions layer;
    @Mixin Common.ChangeOptions change;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      AptOstree e = Common.engine(sysroot, layer);
      AptOstree.Outcome o = e.upgrade(Optional.empty(), check || preview);
      if (check || preview) {
        spec.commandLine().getOut().println(o.message());
        // rpm-ostree upgrade --check: 0 with an update, 77 without.
        return o.changed() ? 0 : org.debforge.cli.exit.ExitCodes.UNCHANGED;
      }
      return Common.finish(o, change, sysroot, spec.commandLine().getOut());
    }
  }

  @Command(
      name = "rebase",
      mixinStandardHelpOptions = true,
      description = "Switch to another ref (REF or REMOTE:REF), keeping the layered packages.")
  static final class Rebase implements Callable<Integer> {
    @Parameters(paramLabel = "REF")
    String ref;

    @Mixin Common.SysrootOption sysroot;
    @Mixin Common.LayerOptions layer;
    @Mixin Common.ChangeOptions change;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      AptOstree e = Common.engine(sysroot, layer);
      return Common.finish(
          e.upgrade(Optional.of(ref), false), change, sysroot, spec.commandLine().getOut());
    }
  }

  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = {
        "Make the previous deployment the default again: a new deployment of its commit, origin",
        "and kernel arguments (ostree 2022.7 cannot reorder deployments), so the one rolled back",
        "from stays bootable."
      })
  static final class Rollback implements Callable<Integer> {
    @Mixin Common.SysrootOption sysroot;
    @Mixin Common.ChangeOptions change;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      AptOstree e = Common.engine(sysroot, null);
      return Common.finish(e.rollback(), change, sysroot, spec.commandLine().getOut());
    }
  }

  @Command(
      name = "cleanup",
      mixinStandardHelpOptions = true,
      description = "Remove deployments and cached data.")
  static final class Cleanup implements Callable<Integer> {
    @Option(
        names = {"-p", "--pending"},
        description = "Remove the pending (staged) deployment.")
    boolean pending;

    @Option(
        names = {"-r", "--rollback"},
        description = "Remove the rollback deployments: all but the default and the booted one.")
    boolean rollback;

    @Option(
        names = {"-b", "--base"},
        description = "Drop base refs no deployment uses, and prune the repository.")
    boolean base;

    @Option(
        names = {"-m", "--repomd"},
        description = "Delete the cached package indexes.")
    boolean metadata;

    @Mixin Common.SysrootOption sysroot;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (!pending && !rollback && !base && !metadata) {
        throw new org.debforge.core.DebforgeException(
            org.debforge.core.ErrorKind.INVALID_INPUT,
            "cleanup needs at least one of -p -r -b -m",
            "apt-ostree cleanup --help");
      }
      AptOstree e = Common.engine(sysroot, null);
      spec.commandLine().getOut().println(e.cleanup(pending, rollback, base, metadata).message());
      return 0;
    }
  }
}
