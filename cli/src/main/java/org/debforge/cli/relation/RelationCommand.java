package org.debforge.cli.relation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.relation.Alternatives;
import org.debforge.core.relation.Dependency;
import org.debforge.core.relation.RelationField;
import org.debforge.core.relation.Restriction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code debforge relation}: Depends/Build-Depends style relationship fields. */
@Command(
    name = "relation",
    mixinStandardHelpOptions = true,
    description = "Parse and reduce package relationship fields (Depends, Build-Depends, ...).",
    subcommands = {RelationCommand.Parse.class})
public final class RelationCommand {

  @Command(
      name = "parse",
      mixinStandardHelpOptions = true,
      description = {
        "Parse TEXT as the value of a relationship field and print it in canonical form.",
        "With --arch and/or --profiles, first drop what does not apply to that host architecture",
        "and build-profile set, as dpkg-checkbuilddeps and dpkg-gencontrol do."
      })
  static final class Parse implements Callable<Integer> {
    @Parameters(paramLabel = "TEXT", description = "The field value, e.g. 'foo (>= 1.0) [amd64]'.")
    String text;

    @Option(
        names = "--field",
        defaultValue = "Build-Depends",
        description =
            "The field TEXT belongs to, which decides the syntax (default: ${DEFAULT-VALUE}).")
    String field;

    @Option(
        names = "--arch",
        paramLabel = "ARCH",
        description = "Reduce for this host architecture.")
    String arch;

    @Option(
        names = "--profiles",
        paramLabel = "PROFILE",
        split = ",",
        arity = "0..*",
        description = "Reduce for these active build profiles (comma-separated; empty for none).")
    List<String> profiles;

    @Option(
        names = "--substvars",
        description = "Keep $${...} substitution variables, as in debian/control.")
    boolean substvars;

    @Mixin JsonOutput json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      RelationField r =
          RelationField.parse(
              field,
              text,
              substvars ? RelationField.Options.SOURCE_CONTROL : RelationField.Options.STRICT);
      Set<String> active = null;
      if (profiles != null) {
        active = new LinkedHashSet<>();
        for (String p : profiles) {
          if (!p.isBlank()) {
            active.add(p.strip());
          }
        }
      }
      if (arch != null || active != null) {
        r = r.reduce(arch, active);
      }
      var out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("field", r.field());
        doc.put("relation", r.toString());
        List<List<Map<String, Object>>> items = new ArrayList<>();
        for (Alternatives a : r.items()) {
          List<Map<String, Object>> alts = new ArrayList<>();
          for (Dependency d : a.alternatives()) {
            alts.add(json(d));
          }
          items.add(alts);
        }
        doc.put("items", items);
        JsonOutput.print(out, doc);
      } else {
        out.println(r);
        out.flush();
      }
      return ExitCodes.OK;
    }

    private static Map<String, Object> json(Dependency d) {
      Map<String, Object> m = new LinkedHashMap<>();
      if (d.substvar()) {
        m.put("substvar", d.name());
        return m;
      }
      m.put("name", d.name());
      m.put("archQualifier", d.archQualifier());
      m.put("relation", d.relation() == null ? null : d.relation().symbol());
      m.put("version", d.version());
      m.put("arches", d.arches().stream().map(Restriction::toString).toList());
      m.put(
          "profiles",
          d.profiles().stream().map(c -> c.stream().map(Restriction::toString).toList()).toList());
      return m;
    }
  }
}
