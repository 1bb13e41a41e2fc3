package org.debforge.cli.compose;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.orchestrator.OrchestratorConnection;
import org.debforge.cli.output.JsonOutput;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.BlueprintLoader;
import org.debforge.compose.compose.ComposeOptions;
import org.debforge.compose.compose.Resolve;
import org.debforge.compose.gather.WhyChain;
import org.debforge.compose.lock.LockJson;
import org.debforge.compose.lock.LockedPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tumbi-assembler resolve}: the package set a compose of the blueprint would hold now. */
@Command(
    name = "resolve",
    mixinStandardHelpOptions = true,
    description = {
      "Resolve a blueprint's package set as apt would (an empty root, the sources in pin order)",
      "and print it as a lock: name, version, architecture, sha256, source.",
      "Unsatisfiable: prints why, as a tree, and exits 30.",
    })
public final class ResolveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOutput json;

  @Parameters(index = "0", paramLabel = "FILE", description = "The blueprint.")
  Path file;

  @Option(
      names = "--arch",
      paramLabel = "ARCH",
      description = "The architecture to resolve for (default: the blueprint's first).")
  String arch;

  @Option(
      names = "--why",
      paramLabel = "PKG",
      description = "Print why PKG is in the set: the chain of relations from a request.")
  String why;

  @Mixin OrchestratorConnection orchestrator;

  @Override
  public Integer call() {
    Blueprint bp = BlueprintLoader.load(file.toAbsolutePath());
    String a = arch == null ? bp.nativeArch() : arch;
    PrintWriter out = spec.commandLine().getOut();
    StringWriter log = new StringWriter();
    Resolve.Answer answer;
    try (OrchestratorSources tags = new OrchestratorSources(orchestrator)) {
      answer =
          Resolve.resolve(
              bp,
              a,
              ComposeOptions.into(Path.of("."), System.getenv()).withTags(tags),
              new PrintWriter(log));
    }
    if (why != null) {
      List<WhyChain.Step> chain = WhyChain.why(answer.set(), why, bp.recommends());
      if (json.enabled()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("package", why);
        doc.put("arch", a);
        doc.put("chain", chain);
        JsonOutput.print(out, doc);
      } else {
        out.print(WhyChain.render(chain));
        out.flush();
      }
      return ExitCodes.OK;
    }
    if (json.enabled()) {
      Map<String, Object> doc = LockJson.document(answer.lock());
      doc.remove("compose_id");
      JsonOutput.print(out, doc);
    } else {
      out.print(table(answer.lock().packages()));
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** The lock as aligned columns, a header first. */
  static String table(List<LockedPackage> pkgs) {
    String[] head = {"NAME", "VERSION", "ARCH", "SHA256", "SOURCE"};
    int[] w = new int[head.length];
    for (int i = 0; i < head.length; i++) {
      w[i] = head[i].length();
    }
    for (LockedPackage p : pkgs) {
      w[0] = Math.max(w[0], p.name().length());
      w[1] = Math.max(w[1], p.version().length());
      w[2] = Math.max(w[2], p.arch().length());
      w[3] = Math.max(w[3], p.sha256().length());
    }
    StringBuilder sb = new StringBuilder();
    row(sb, w, head);
    for (LockedPackage p : pkgs) {
      row(sb, w, new String[] {p.name(), p.version(), p.arch(), p.sha256(), p.source()});
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, int[] w, String[] cells) {
    for (int i = 0; i < cells.length; i++) {
      sb.append(i == cells.length - 1 ? cells[i] : String.format("%-" + w[i] + "s  ", cells[i]));
    }
    sb.append('\n');
  }
}
