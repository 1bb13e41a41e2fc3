package org.debforge.cli.orchestrator;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.debforge.cli.output.JsonOutput;
import org.debforge.orchestrator.OrchestratorApi;
import org.debforge.orchestrator.history.HistoryEvent;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.tag.TaggedBuild;
import org.debforge.orchestrator.tag.Tagging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Commands that tag builds and list what tags hold. */
final class TaggingCommands {
  private TaggingCommands() {}

  @Command(name = "tag-build", mixinStandardHelpOptions = true, description = "Tag builds.")
  static final class TagBuild extends StoreCommand {
    @Parameters(index = "0", paramLabel = "TAG")
    String tag;

    @Parameters(index = "1..*", paramLabel = "BUILD", description = "SOURCE_VERSION or id.")
    List<String> builds;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      for (String b : builds) {
        o.tagBuild(actor(), tag, b);
      }
      done(json, out, "tagged", tag, builds);
    }
  }

  @Command(name = "untag-build", mixinStandardHelpOptions = true, description = "Untag builds.")
  static final class UntagBuild extends StoreCommand {
    @Parameters(index = "0", paramLabel = "TAG")
    String tag;

    @Parameters(index = "1..*", paramLabel = "BUILD")
    List<String> builds;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      for (String b : builds) {
        o.untagBuild(actor(), tag, b);
      }
      done(json, out, "untagged", tag, builds);
    }
  }

  @Command(
      name = "move-build",
      mixinStandardHelpOptions = true,
      description = "Untag builds from FROM and tag them into TO, each in one step.")
  static final class MoveBuild extends StoreCommand {
    @Parameters(index = "0", paramLabel = "FROM")
    String from;

    @Parameters(index = "1", paramLabel = "TO")
    String to;

    @Parameters(index = "2..*", paramLabel = "BUILD")
    List<String> builds;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      for (String b : builds) {
        o.moveBuild(actor(), from, to, b);
      }
      done(json, out, "moved", to, builds);
    }
  }

  @Command(
      name = "list-tagged",
      mixinStandardHelpOptions = true,
      description = "List the builds in a tag.")
  static final class ListTagged extends StoreCommand {
    @Parameters(index = "0", paramLabel = "TAG")
    String tag;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PACKAGE")
    String pkg;

    @Option(names = "--latest", description = "Only the newest build of each package.")
    boolean latest;

    @Option(names = "--inherit", description = "Include builds inherited from parent tags.")
    boolean inherit;

    @Option(names = "--arch", description = "Only builds for ARCH (or arch: all).")
    String arch;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      List<TaggedBuild> found = o.listTagged(tag, new Tagging.Query(inherit, latest, arch, pkg));
      if (json.enabled()) {
        JsonOutput.print(out, JsonViews.tagged(found));
        return;
      }
      out.printf("%-40s %-30s %-16s %s%n", "Build", "Tag", "Tagged by", "Architectures");
      out.printf(
          "%-40s %-30s %-16s %s%n", "-".repeat(40), "-".repeat(30), "-".repeat(16), "-".repeat(13));
      for (TaggedBuild tb : found) {
        out.printf(
            "%-40s %-30s %-16s %s%n",
            tb.build().nvr(),
            tb.tag(),
            tb.taggedBy(),
            String.join(" ", tb.build().architectures()));
      }
    }
  }

  @Command(
      name = "latest-build",
      mixinStandardHelpOptions = true,
      description = "The newest build of PACKAGE in TAG, with inheritance (dpkg version order).")
  static final class LatestBuild extends StoreCommand {
    @Parameters(index = "0", paramLabel = "TAG")
    String tag;

    @Parameters(index = "1", paramLabel = "PACKAGE")
    String pkg;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      TaggedBuild tb = o.latestBuild(tag, pkg);
      if (json.enabled()) {
        JsonOutput.print(out, JsonViews.tagged(tb));
      } else {
        out.println(tb.build().nvr() + " " + tb.tag());
      }
    }
  }

  @Command(
      name = "list-history",
      mixinStandardHelpOptions = true,
      description = "Every recorded change, oldest first: who, when, what.")
  static final class ListHistory extends StoreCommand {
    @Option(names = "--tag", description = "Only changes to this tag.")
    String tag;

    @Option(names = "--build", description = "Only changes involving this build.")
    String build;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      List<HistoryEvent> events = o.history(tag, build);
      if (json.enabled()) {
        JsonOutput.print(out, events.stream().map(JsonViews::event).toList());
        return;
      }
      for (HistoryEvent e : events) {
        out.printf(
            "%s %s %s%s%s%s%n",
            e.at(),
            e.actor(),
            e.action(),
            e.tag() == null ? "" : " " + e.tag(),
            e.build() == null ? "" : " " + e.build(),
            e.detail() == null ? "" : " (" + e.detail() + ")");
      }
    }
  }

  private static void done(
      JsonOutput json, PrintWriter out, String what, String tag, List<String> builds) {
    if (json.enabled()) {
      JsonOutput.print(out, Map.of("action", what, "tag", tag, "builds", builds));
    } else {
      builds.forEach(b -> out.println(what + " " + b + " in " + tag));
    }
  }
}
