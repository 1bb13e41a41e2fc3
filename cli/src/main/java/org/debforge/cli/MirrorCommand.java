package org.debforge.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.mirror.HostMirror;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code debforge mirror}: which Debian mirror the tools use when a config names none. */
@Command(
    name = "mirror",
    mixinStandardHelpOptions = true,
    description = {
      "Print the Debian mirror debforge uses by default: $DEBIAN_MIRROR if set, else the first",
      "Debian archive in this host's APT sources (/etc/apt/sources.list.d/*.sources, sources.list)."
    })
final class MirrorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOutput json;

  @Override
  public Integer call() {
    String url = HostMirror.detect();
    var out = spec.commandLine().getOut();
    if (json.enabled()) {
      String from = System.getenv(HostMirror.ENV) != null ? "environment" : "apt-sources";
      JsonOutput.print(out, Map.of("mirror", url, "source", from));
    } else {
      out.println(url);
    }
    return ExitCodes.OK;
  }
}
