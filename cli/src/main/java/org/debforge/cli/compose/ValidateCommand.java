package org.debforge.cli.compose;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.BlueprintException;
import org.debforge.compose.blueprint.BlueprintLoader;
import org.debforge.compose.blueprint.Problem;
import org.debforge.compose.blueprint.SourceSpec;
import org.debforge.core.DebforgeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tumbi-assembler validate FILE}: loads a blueprint with its includes and prints what it
 * composes, or every problem in it. With {@code --json} both are one document on standard output,
 * so a pipeline can show the problems without parsing standard error.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a blueprint (and its includes) and print a summary: name, version, suite,",
      "architectures, sources, the number of package requests per architecture, outputs.",
      "Every problem is listed with FILE:LINE:COLUMN, the key and what is allowed.",
      "Exits 0 when valid, 50 (config) when not, 7 when input is refused as unsafe,",
      "5 when FILE does not exist. Blueprints: docs/blueprint.md."
    })
public final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The blueprint (YAML).")
  Path file;

  @Mixin JsonOutput json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Blueprint b;
    try {
      b = BlueprintLoader.load(file);
    } catch (DebforgeException e) {
      if (!json.enabled()) {
        throw e; // the one error handler prints it and picks the exit code
      }
      JsonOutput.print(spec.commandLine().getOut(), errors(e));
      return ExitCodes.of(e.kind());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(out, summary(b));
    } else {
      text(out, b);
    }
    return ExitCodes.OK;
  }

  private Map<String, Object> errors(DebforgeException e) {
    List<Map<String, Object>> list = new ArrayList<>();
    if (e instanceof BlueprintException be) {
      for (Problem p : be.problems()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.file().toString());
        m.put("line", p.line() > 0 ? p.line() : null);
        m.put("column", p.column() > 0 ? p.column() : null);
        m.put("key", p.key().isEmpty() ? null : p.key());
        m.put("message", p.message());
        m.put("hint", p.hint());
        list.add(m);
      }
    } else {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", file.toString());
      m.put("line", null);
      m.put("column", null);
      m.put("key", null);
      m.put("message", e.getMessage());
      m.put("hint", e.hint().orElse(null));
      list.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("valid", false);
    doc.put("exitCode", ExitCodes.of(e.kind()));
    doc.put("kind", ExitCodes.code(e.kind()).label());
    doc.put("errors", list);
    return doc;
  }

  private static Map<String, Object> summary(Blueprint b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", true);
    m.put("file", b.file().toString());
    m.put("name", b.name());
    m.put("version", b.version());
    m.put("firstComposeIdToday", firstId(b));
    m.put("suite", b.suite());
    m.put("architectures", b.architectures());
    m.put("nativeArch", b.nativeArch());
    m.put("sources", b.sources().stream().map(ValidateCommand::source).toList());
    Map<String, Integer> packages = new LinkedHashMap<>();
    Map<String, Integer> exclude = new LinkedHashMap<>();
    for (String a : b.architectures()) {
      packages.put(a, b.packages(a).size());
      exclude.put(a, b.exclude(a).size());
    }
    m.put("packages", packages);
    m.put("exclude", exclude);
    m.put("groups", b.groups().keySet().stream().sorted().toList());
    m.put("recommends", b.recommends());
    m.put("required", b.required());
    m.put("files", b.files().size());
    m.put("users", b.users().stream().map(u -> u.name()).toList());
    m.put("postprocess", b.postprocess().stream().map(s -> s.name()).toList());
    m.put("kernelArgs", b.kernelArgs());
    m.put(
        "outputs",
        b.outputs().stream()
            .map(
                o -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("type", o.type().key());
                  x.put("failable", o.failable());
                  x.put("options", o.options());
                  return x;
                })
            .toList());
    return m;
  }

  private static Map<String, Object> source(SourceSpec s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    if (s instanceof SourceSpec.Mirror mi) {
      m.put("type", "mirror");
      m.put("mirror", mi.mirror().map(Object::toString).orElse(null));
      m.put("suite", mi.suite());
      m.put("components", mi.components());
      m.put("keyring", mi.keyring().toString());
    } else if (s instanceof SourceSpec.Orchestrator o) {
      m.put("type", "orchestrator");
      m.put("tag", o.tag());
      m.put("snapshot", o.snapshot().orElse(null));
      m.put("server", o.server().map(Object::toString).orElse(null));
      m.put("keyring", o.keyring().map(Path::toString).orElse(null));
    }
    return m;
  }

  private static String firstId(Blueprint b) {
    return b.versionScheme().next(b.name(), Clock.systemUTC(), List.of()).toString();
  }

  private void text(PrintWriter out, Blueprint b) {
    out.println(file + ": ok");
    row(out, "name", b.name());
    row(out, "version", b.version() + "  (first compose today: " + firstId(b) + ")");
    row(out, "suite", b.suite());
    row(
        out,
        "architectures",
        String.join(", ", b.architectures()) + "  (native: " + b.nativeArch() + ")");
    for (int i = 0; i < b.sources().size(); i++) {
      row(out, i == 0 ? "sources" : "", (i + 1) + ". " + describe(b.sources().get(i)));
    }
    for (String a : b.architectures()) {
      row(
          out,
          a.equals(b.nativeArch()) ? "packages" : "",
          a + ": " + b.packages(a).size() + " requested, " + b.exclude(a).size() + " excluded");
    }
    row(
        out,
        "install",
        (b.required() ? "required set" : "no required set")
            + ", "
            + (b.recommends() ? "with Recommends" : "no Recommends"));
    row(
        out,
        "root",
        count(b.files().size(), "file")
            + ", "
            + count(b.users().size(), "user")
            + ", "
            + count(b.postprocess().size(), "postprocess script"));
    if (!b.kernelArgs().isEmpty()) {
      row(out, "kernel-args", String.join(" ", b.kernelArgs()));
    }
    row(
        out,
        "outputs",
        b.outputs().stream()
            .map(o -> o.type().key() + (o.failable() ? " (failable)" : ""))
            .collect(Collectors.joining(", ")));
    out.flush();
  }

  private static String describe(SourceSpec s) {
    if (s instanceof SourceSpec.Orchestrator o) {
      return s.name()
          + ": orchestrator:"
          + o.tag()
          + o.snapshot().map(x -> "@" + x).orElse("")
          + o.server().map(u -> " on " + u).orElse(" (local store)");
    }
    SourceSpec.Mirror m = (SourceSpec.Mirror) s;
    return s.name()
        + ": Debian archive "
        + m.suite()
        + " "
        + m.components()
        + " from "
        + m.mirror().map(Object::toString).orElse("the host's mirror")
        + ", keyring "
        + m.keyring();
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private static void row(PrintWriter out, String label, String value) {
    out.println(String.format("  %-14s %s", label.isEmpty() ? "" : label + ":", value));
  }
}
