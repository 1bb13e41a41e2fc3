package org.debforge.cli.ostree;

import java.util.concurrent.Callable;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * rpm-ostree's commands this build does not do yet. They are in the tree so their names are known
 * and scripts fail with a clear CONFIG error (50) instead of a usage error.
 */
final class PendingCommands {
  private PendingCommands() {}

  abstract static class Pending implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Unmatched java.util.List<String> args;

    @Override
    public Integer call() {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          spec.name() + " is not available in this build of apt-ostree",
          "see docs/apt-ostree.md for what is done");
    }
  }

  @Command(
      name = "initramfs",
      mixinStandardHelpOptions = true,
      description = "Regenerate the initramfs on the client (not available yet).")
  static final class Initramfs extends Pending {}

  @Command(
      name = "db",
      mixinStandardHelpOptions = true,
      description = "Package lists and diffs of commits: db diff, db list (not available yet).")
  static final class Db extends Pending {}

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel the running transaction (comes with the apt-ostreed daemon).")
  static final class Cancel extends Pending {}
}
