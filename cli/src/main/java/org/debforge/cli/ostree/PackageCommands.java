package org.debforge.cli.ostree;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.ostree.deploy.AptOstree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code install}, {@code uninstall} and {@code override}: the package layer. */
final class PackageCommands {
  private PackageCommands() {}

  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      description = {
        "Layer packages: a new commit of the base with PKG... and their dependencies installed",
        "(resolved as apt-get would, against the base's APT sources; .debs checked against the",
        "signed index; dpkg in a sandbox with no network, no service starts), deployed as the",
        "new default. The origin records the request, so upgrade installs it again on a new",
        "base. PKG is apt's NAME[:ARCH][=VERSION]."
      })
  static final class Install implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PKG")
    List<String> packages;

    @Option(names = "--idempotent", description = "Ignore packages already requested.")
    boolean idempotent;

    @Option(
        names = "--allow-inactive",
        description = "Allow requesting packages the base already has.")
    boolean allowInactive;

    @Option(
        names = {"-n", "--dry-run"},
        description = "Resolve and print what would be installed; change nothing.")
    boolean dryRun;

    @Mixin Common.SysrootOption sysroot;
    @Mixin Common.LayerOptions layer;
    @Mixin Common.ChangeOptions change;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      AptOstree e = Common.engine(sysroot, layer);
      return Common.finish(
          e.install(packages, idempotent, allowInactive, dryRun),
          change,
          sysroot,
          spec.commandLine().getOut());
    }
  }

  @Command(
      name = "uninstall",
      mixinStandardHelpOptions = true,
      description = {
        "Remove layered packages: a new layer of the base without them (or the base itself",
        "when none is left), deployed as the new default."
      })
  static final class Uninstall implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "PKG")
    List<String> packages = new ArrayList<>();

    @Option(names = "--all", description = "Remove every layered package.")
    boolean all;

    @Mixin Common.SysrootOption sysroot;
    @Mixin Common.LayerOptions layer;
    @Mixin Common.ChangeOptions change;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (packages.isEmpty() && !all) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT, "name the packages to uninstall", "or give --all");
      }
      AptOstree e = Common.engine(sysroot, layer);
      return Common.finish(
          e.uninstall(packages, all), change, sysroot, spec.commandLine().getOut());
    }
  }

  @Command(
      name = "override",
      mixinStandardHelpOptions = true,
      description = "Change base packages: remove them, or reset the removal.",
      subcommands = {OverrideRemove.class, OverrideReplace.class, OverrideReset.class})
  static final class OverrideCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().usage(spec.commandLine().getErr());
      return ExitCodes.USAGE;
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "A new deployment without base packages PKG... (purged by dpkg in the layer).")
  static final class OverrideRemove implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PKG")
    List<String> packages;

    @Mixin Common.SysrootOption sysroot;
    @Mixin Common.LayerOptions layer;
    @Mixin Common.ChangeOptions change;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      AptOstree e = Common.engine(sysroot, layer);
      return Common.finish(
          e.override(packages, true), change, sysroot, spec.commandLine().getOut());
    }
  }

  @Command(
      name = "reset",
      mixinStandardHelpOptions = true,
      description = "Undo override remove of PKG...: they are back from the base.")
  static final class OverrideReset implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PKG")
    List<String> packages;

    @Mixin Common.SysrootOption sysroot;
    @Mixin Common.LayerOptions layer;
    @Mixin Common.ChangeOptions change;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      AptOstree e = Common.engine(sysroot, layer);
      return Common.finish(
          e.override(packages, false), change, sysroot, spec.commandLine().getOut());
    }
  }

  @Command(
      name = "replace",
      mixinStandardHelpOptions = true,
      description = "Replace base packages with other versions (not available yet).")
  static final class OverrideReplace implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PKG")
    List<String> packages;

    @Override
    public Integer call() {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "override replace is not available in this build of apt-ostree",
          "install a newer version with install NAME=VERSION --allow-inactive, or rebase");
    }
  }
}
