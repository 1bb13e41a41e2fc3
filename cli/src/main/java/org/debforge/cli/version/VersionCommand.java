package org.debforge.cli.version;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.version.DebianVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code debforge version}: Debian version strings, parsed and ordered as dpkg does. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Parse and compare Debian package versions exactly as dpkg does.",
    subcommands = {CompareCommand.class, VersionCommand.Parse.class})
public final class VersionCommand {

  @Command(
      name = "parse",
      mixinStandardHelpOptions = true,
      description = {
        "Split VERSION into epoch, upstream version and Debian revision.",
        "Refuses what Debian policy refuses; --lenient accepts what dpkg --compare-versions does."
      })
  static final class Parse implements Callable<Integer> {
    @Parameters(paramLabel = "VERSION")
    String version;

    @Option(
        names = "--lenient",
        description = "Accept what dpkg only warns about (bad characters, no leading digit).")
    boolean lenient;

    @Mixin JsonOutput json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      DebianVersion v =
          lenient ? DebianVersion.parseLenient(version) : DebianVersion.parse(version);
      var out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("version", v.toString());
        row.put("epoch", v.epoch());
        row.put("upstream", v.upstream());
        row.put("revision", v.revision());
        JsonOutput.print(out, row);
      } else {
        out.println("epoch: " + v.epoch());
        out.println("upstream: " + v.upstream());
        out.println("revision: " + v.revision());
        out.flush();
      }
      return ExitCodes.OK;
    }
  }
}
