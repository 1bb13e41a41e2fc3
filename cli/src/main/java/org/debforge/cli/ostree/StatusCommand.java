package org.debforge.cli.ostree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.ostree.deploy.AptOstree;
import org.debforge.ostree.status.JsonPath;
import org.debforge.ostree.status.Status;
import org.debforge.ostree.status.StatusText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code apt-ostree status}: the deployments, as rpm-ostree status prints them. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "List the deployments in boot order, the default first: origin, version, commit, base",
      "commit and layered packages. --json prints rpm-ostree's document (deployments with id,",
      "osname, serial, checksum, base-checksum, origin, version, timestamp, booted, staged,",
      "pinned, packages, requested-packages, base-removals, requested-base-removals,",
      "regenerate-initramfs, ...); --jsonpath EXPR prints the matches of a JSONPath subset",
      "($ .name ['name'] [N] [*]) as a JSON array. Schema: docs/apt-ostree.md."
    })
public final class StatusCommand implements Callable<Integer> {
  @Mixin Common.SysrootOption sysroot;

  @Mixin JsonOutput json;

  @Option(names = "--jsonpath", paramLabel = "EXPR", description = "Print only what EXPR selects.")
  String jsonpath;

  @Option(
      names = {"-b", "--booted"},
      description = "Only the booted deployment.")
  boolean booted;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also each deployment's id, kernel arguments and compose id.")
  boolean verbose;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    AptOstree engine = Common.reader(sysroot);
    List<Status.Entry> entries = Status.gather(engine.sysroot(), engine.ostree(), booted);
    PrintWriter out = spec.commandLine().getOut();
    if (jsonpath != null) {
      JsonNode doc = new ObjectMapper().valueToTree(Status.json(entries));
      JsonOutput.print(out, JsonPath.select(doc, jsonpath));
    } else if (json.enabled()) {
      JsonOutput.print(out, Status.json(entries));
    } else {
      StatusText.print(out, entries, verbose);
    }
    return ExitCodes.OK;
  }
}
