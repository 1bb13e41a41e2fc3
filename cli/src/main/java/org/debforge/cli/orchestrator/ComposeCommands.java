package org.debforge.cli.orchestrator;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.debforge.cli.output.JsonOutput;
import org.debforge.orchestrator.OrchestratorApi;
import org.debforge.orchestrator.compose.Compose;
import org.debforge.orchestrator.compose.ComposeImport;
import org.debforge.orchestrator.compose.ComposeMetadataReader;
import org.debforge.orchestrator.compose.ComposePackage;
import org.debforge.orchestrator.compose.ComposeSummary;
import org.debforge.orchestrator.compose.LockSource;
import org.debforge.orchestrator.json.ComposeViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Commands about composes of tumbi-assembler: import-compose, list-composes, compose-info. */
final class ComposeCommands {
  private ComposeCommands() {}

  @Command(
      name = "import-compose",
      mixinStandardHelpOptions = true,
      description = {
        "Record a compose of tumbi-assembler: its metadata/composeinfo.json and metadata/lock.json",
        "(which tags and snapshots it read, every package with its sha256, linked to the build",
        "holding that .deb). An identical re-import is a no-op; other content under an imported",
        "compose id is a conflict (exit 6).",
      })
  static final class ImportCompose extends StoreCommand {
    @Parameters(paramLabel = "COMPOSE_DIR", description = "The compose's directory.")
    Path dir;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      // Read and checked here, whether the store is local or a server: a bad file is named with
      // its path on this machine.
      ComposeImport r = o.importCompose(actor(), ComposeMetadataReader.read(dir));
      if (json.enabled()) {
        JsonOutput.print(out, ComposeViews.importResult(r));
      } else {
        Compose c = r.compose();
        out.println(
            (r.created() ? "imported compose " : "already imported (identical) compose ")
                + c.composeId()
                + " ("
                + c.metadata().status()
                + ", "
                + c.packages().size()
                + " packages, "
                + c.linkedPackages()
                + " from builds of this store)");
      }
    }
  }

  @Command(
      name = "list-composes",
      mixinStandardHelpOptions = true,
      description = "List imported composes, newest first.")
  static final class ListComposes extends StoreCommand {
    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      var list = o.listComposes();
      if (json.enabled()) {
        JsonOutput.print(out, ComposeViews.summaries(list));
        return;
      }
      for (ComposeSummary s : list) {
        out.printf(
            "%-40s %-20s %6d packages  %s%n",
            s.composeId(), s.status(), s.packages(), s.importedAt());
      }
    }
  }

  @Command(
      name = "compose-info",
      mixinStandardHelpOptions = true,
      description = "Show a compose: status, sources with tag and snapshot, packages and builds.")
  static final class ComposeInfo extends StoreCommand {
    @Parameters(paramLabel = "COMPOSE_ID")
    String id;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      Compose c = o.compose(id);
      if (json.enabled()) {
        JsonOutput.print(out, ComposeViews.compose(c));
        return;
      }
      var m = c.metadata();
      out.printf("Compose: %s%n", m.composeId());
      out.printf("Release: %s %s (%s)%n", m.name(), m.version(), m.shortName());
      out.printf("Status: %s%n", m.status());
      out.printf("Imported: %s by %s%n", c.importedAt(), c.importedBy());
      out.println("Sources:");
      for (LockSource s : m.sources()) {
        out.printf(
            "  %s %s %s %s%s%n",
            s.name(),
            s.kind(),
            s.uri(),
            s.suite(),
            s.tag() == null
                ? ""
                : " (tag " + s.tag() + (s.snapshot() == null ? "" : "@" + s.snapshot()) + ")");
      }
      out.println("Packages:");
      for (ComposePackage p : c.packages()) {
        out.printf(
            "  %s %s %s%s%n",
            p.lock().name(),
            p.lock().version(),
            p.lock().arch(),
            p.build() == null ? "" : "  build " + p.build());
      }
    }
  }

  @Command(
      name = "published",
      mixinStandardHelpOptions = true,
      description = {
        "Where a tag's published APT repository is (or one of its snapshots), as",
        "tumbi-assembler's orchestrator:TAG[@SNAPSHOT] sources read it: base, suite under",
        "dists/, components, and the key its InRelease verifies with.",
      })
  static final class Published extends StoreCommand {
    @Parameters(paramLabel = "TAG[@SNAPSHOT]")
    String ref;

    @picocli.CommandLine.Option(
        names = "--write-keyring",
        paramLabel = "FILE",
        description = "Write the key as a binary keyring (for gpgv --keyring and apt signed-by=).")
    Path keyring;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      int at = ref.indexOf('@');
      String tag = at < 0 ? ref : ref.substring(0, at);
      String snapshot = at < 0 ? null : ref.substring(at + 1);
      var r = o.publishedRepository(tag, snapshot);
      if (keyring != null) {
        r.writeKeyring(keyring);
      }
      if (json.enabled()) {
        var m = ComposeViews.published(r, r.base().toString());
        JsonOutput.print(out, m);
        return;
      }
      out.printf(
          "deb%s %s %s %s%n",
          keyring == null ? "" : " [signed-by=" + keyring.toAbsolutePath() + "]",
          r.base(),
          r.suite(),
          String.join(" ", r.components()));
      out.printf("Architectures: %s%n", String.join(" ", r.architectures()));
      out.printf("Signed: %s%n", r.armoredKey() == null ? "no" : "yes");
    }
  }
}
