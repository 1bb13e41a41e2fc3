package org.debforge.cli.orchestrator;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.OrchestratorApi;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildFile;
import org.debforge.orchestrator.build.BuildPart;
import org.debforge.orchestrator.build.BuildState;
import org.debforge.orchestrator.build.ChangesSignature;
import org.debforge.orchestrator.build.ImportResult;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.client.RemoteOrchestrator;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.store.GcReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Commands about builds: import, delete-build, buildinfo, gc. */
final class BuildCommands {
  private BuildCommands() {}

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Import a deb-mock result directory, or a .changes and the files it lists.",
        "Every checksum is verified first; an identical re-import is a no-op, other content for",
        "an imported source version a conflict (exit 6).",
      })
  static final class Import extends StoreCommand {
    @Parameters(paramLabel = "RESULT", description = "A result directory or a .changes file.")
    Path input;

    @Option(
        names = "--jenkins-url",
        description = "The Jenkins build that produced it. Default: $BUILD_URL.")
    String jenkinsUrl;

    @Option(names = "--jenkins-job", description = "Default: $JOB_NAME.")
    String jenkinsJob;

    @Option(names = "--jenkins-number", description = "Default: $BUILD_NUMBER.")
    Integer jenkinsNumber;

    @Option(
        names = "--keyring",
        paramLabel = "FILE",
        description = {
          "Local store: refuse the import (exit 4) unless the .changes is clearsigned by a key in",
          "FILE (repeatable); the signer's fingerprint is recorded. A server checks against its",
          "own 'serve --changes-keyring'."
        })
    List<Path> keyrings = new ArrayList<>();

    @Option(
        names = "--resumable",
        description = {
          "With --server: upload in chunks that survive a broken connection (the default for",
          "uploads over 64 MiB)."
        })
    boolean resumable;

    @Option(
        names = "--chunk-size",
        defaultValue = "8M",
        paramLabel = "SIZE",
        description = "Chunk size of a resumable upload (default ${DEFAULT-VALUE}).")
    String chunkSize;

    @Option(
        names = "--resume",
        paramLabel = "ID",
        description = "With --server: go on with the resumable upload ID of RESULT, then commit.")
    String resume;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      if (!keyrings.isEmpty()) {
        local(o).requireSignedChanges(ChangesSignature.require(keyrings));
      }
      if ((resumable || resume != null) && !(o instanceof RemoteOrchestrator)) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            "--resumable and --resume are for uploads to a server",
            "give --server URL (or drop the option: a local import reads the files in place)");
      }
      Integer number = jenkinsNumber;
      String envNumber = System.getenv("BUILD_NUMBER");
      if (number == null && envNumber != null && envNumber.matches("[0-9]{1,9}")) {
        number = Integer.parseInt(envNumber);
      }
      Provenance p =
          new Provenance(
              actor(),
              Instant.now(),
              jenkinsUrl != null ? jenkinsUrl : System.getenv("BUILD_URL"),
              jenkinsJob != null ? jenkinsJob : System.getenv("JOB_NAME"),
              number);
      ImportResult r;
      if (resume != null) {
        r = ((RemoteOrchestrator) o).resumeImport(resume, input, ServeCommand.size(chunkSize));
      } else if (resumable) {
        r = ((RemoteOrchestrator) o).importResumable(input, p, ServeCommand.size(chunkSize));
      } else {
        r = o.importBuild(input, p);
      }
      if (json.enabled()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("created", r.created());
        m.put("build", JsonViews.build(r.build()));
        JsonOutput.print(out, m);
      } else {
        out.println(
            (r.created() ? "imported " : "already imported (identical) ")
                + r.build().nvr()
                + " as build "
                + r.build().id()
                + (r.build().state() == BuildState.COMPLETE ? "" : " (" + r.build().state() + ")"));
      }
    }
  }

  @Command(
      name = "delete-build",
      mixinStandardHelpOptions = true,
      description = {
        "Delete builds as Koji does: untag each from every tag (recorded as untags), mark it",
        "DELETED. Its record stays; 'gc' then removes blobs no other build uses. A build in a",
        "locked tag is refused (exit 6). On a server this needs an admin token.",
      })
  static final class Delete extends StoreCommand {
    @Parameters(paramLabel = "BUILD", arity = "1..*", description = "SOURCE_VERSION or id.")
    java.util.List<String> builds;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      java.util.List<Object> deleted = new java.util.ArrayList<>();
      for (String ref : builds) {
        Build b = o.deleteBuild(actor(), ref);
        if (json.enabled()) {
          deleted.add(JsonViews.build(b));
        } else {
          out.println("deleted " + b.nvr());
        }
      }
      if (json.enabled()) {
        JsonOutput.print(out, deleted);
      }
    }
  }

  @Command(
      name = "buildinfo",
      mixinStandardHelpOptions = true,
      description = "Show a build: state, provenance and files with their sha256.")
  static final class Info extends StoreCommand {
    @Parameters(paramLabel = "BUILD", description = "SOURCE_VERSION (e.g. hello_2.10-3) or id.")
    String build;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      Build b = o.build(build);
      if (json.enabled()) {
        JsonOutput.print(out, JsonViews.build(b));
        return;
      }
      out.printf("BUILD: %s [%d]%n", b.nvr(), b.id());
      out.printf("State: %s%n", b.state());
      out.printf("Architectures: %s%n", String.join(" ", b.architectures()));
      out.printf("Binaries: %s%n", String.join(" ", b.binaries()));
      out.printf("Imported by: %s at %s%n", b.provenance().user(), b.provenance().at());
      if (b.provenance().jenkinsUrl() != null) {
        out.printf("Jenkins: %s%n", b.provenance().jenkinsUrl());
      }
      if (b.provenance().signedBy() != null) {
        out.printf("Signed by: %s%n", b.provenance().signedBy());
      }
      if (b.parts().size() > 1) {
        out.println("Parts:");
        for (BuildPart part : b.parts()) {
          out.printf(
              "  %-8s %s, imported by %s at %s%s%n",
              part.arch(),
              part.changes(),
              part.provenance().user(),
              part.provenance().at(),
              part.provenance().jenkinsUrl() == null
                  ? ""
                  : " (Jenkins " + part.provenance().jenkinsUrl() + ")");
        }
      }
      out.println("Files:");
      for (BuildFile f : b.files()) {
        out.printf(
            "  %s %10d %-9s %-8s %s%n",
            f.sha256(), f.size(), f.kind(), f.arch() == null ? "" : f.arch(), f.name());
      }
    }
  }

  @Command(
      name = "gc",
      mixinStandardHelpOptions = true,
      description = {
        "Remove blobs no build refers to (left by interrupted imports) and temporary files.",
        "Only files older than --grace are removed, so a running import is never harmed.",
      })
  static final class Gc extends StoreCommand {
    @Option(
        names = "--grace",
        defaultValue = "PT1H",
        description = "Minimum age, ISO-8601 (default ${DEFAULT-VALUE}; PT0S for all).")
    Duration grace;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      GcReport r = local(o).gc(grace);
      if (json.enabled()) {
        JsonOutput.print(out, r);
      } else {
        out.printf(
            "removed %d blobs (%d bytes) and %d temporary files; %d blobs in use%n",
            r.removed().size(), r.freedBytes(), r.leftovers(), r.kept());
      }
    }
  }
}
