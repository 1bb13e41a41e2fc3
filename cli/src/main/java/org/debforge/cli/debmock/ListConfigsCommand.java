package org.debforge.cli.debmock;

import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.debmock.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code deb-mock list-configs}: the chroot configs -r accepts. */
@Command(
    name = "list-configs",
    mixinStandardHelpOptions = true,
    description =
        "List chroot configs: shipped ones and those in /etc/deb-mock, ~/.config/deb-mock.")
final class ListConfigsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOutput json;

  @Override
  public Integer call() {
    var names = ConfigLoader.standard().names();
    if (json.enabled()) {
      JsonOutput.print(spec.commandLine().getOut(), names);
    } else {
      names.forEach(spec.commandLine().getOut()::println);
    }
    return ExitCodes.OK;
  }
}
