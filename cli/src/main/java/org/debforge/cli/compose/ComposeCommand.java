package org.debforge.cli.compose;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.debforge.compose.compose.Composer;
import org.debforge.compose.phase.ComposeStatus;
import org.debforge.compose.phase.PhaseListener;
import org.debforge.compose.phase.PhaseRecord;
import org.debforge.compose.repo.ComposeKey;
import org.debforge.core.DebforgeException;
import org.debforge.orchestrator.compose.ComposeImport;
import org.debforge.orchestrator.compose.ComposeMetadataReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tumbi-assembler compose}: runs a whole compose into a target folder. */
@Command(
    name = "compose",
    mixinStandardHelpOptions = true,
    description = {
      "Compose a distribution from a blueprint into TARGET/ID (Pungi's layout, docs/compose.md):",
      "init, pkgset, gather, createrepo, then the phases of the blueprint's outputs (rootfs,",
      "ostree, image, test, oci, live), repoclosure, metadata. Progress goes to stderr.",
      "On success TARGET/latest-NAME points at the new compose; a failed phase leaves it DOOMED",
      "and exits 45.",
    })
public final class ComposeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOutput json;

  @Parameters(index = "0", paramLabel = "FILE", description = "The blueprint.")
  Path file;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "DIR",
      description = "The folder composes are made in (one sub-folder per compose).")
  Path target;

  @Option(
      names = "--old-composes",
      paramLabel = "DIR",
      description = "Reuse outputs of finished composes here when unchanged (an identical lock).")
  Path oldComposes;

  @Option(
      names = "--signing-key",
      paramLabel = "KEY",
      description = {
        "Sign the compose repository with KEY: a secret key file or a gpg key id.",
        "Default: TARGET/.debforge/compose-key.asc, generated on first use."
      })
  String signingKey;

  @Option(names = "--no-rootfs", description = "Skip the root filesystem (repository only).")
  boolean noRootfs;

  @Option(names = "--test", description = "Mark the compose as a test compose (productmd type).")
  boolean test;

  @Option(
      names = "--record",
      negatable = true,
      description = {
        "Record the compose in deb-orchestrator (import-compose) when it ends with a lock.",
        "Default: when the blueprint reads an orchestrator: tag.",
      })
  Boolean record;

  @Mixin OrchestratorConnection orchestrator;

  @Override
  public Integer call() {
    Blueprint bp = BlueprintLoader.load(file.toAbsolutePath());
    PrintWriter err = spec.commandLine().getErr();
    try (OrchestratorSources tags = new OrchestratorSources(orchestrator)) {
      ComposeOptions o =
          ComposeOptions.into(target, System.getenv())
              .withOldComposes(oldComposes)
              .withoutRootfs(noRootfs)
              .withComposeType(test ? "test" : "production")
              .withTags(tags)
              .withListener(progress(err));
      if (signingKey != null) {
        o.withSigningKey(ComposeKey.open(signingKey));
      }
      Composer.Result r = new Composer(o).compose(bp);
      Path top = r.layout().topdir();
      boolean recorded = false;
      DebforgeException recordError = null;
      if ((record != null ? record : OrchestratorSources.usesTags(bp))
          && Files.exists(top.resolve(ComposeMetadataReader.LOCK))) {
        try {
          ComposeImport imported = tags.record(top, actor());
          recorded = true;
          err.println(
              "[record] "
                  + (imported.created() ? "recorded in deb-orchestrator" : "already recorded"));
        } catch (DebforgeException e) {
          recordError = e;
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> doc = json(r);
        doc.put("recorded", recorded);
        JsonOutput.print(out, doc);
      } else {
        out.println(r.layout().composeId() + " " + r.status() + " " + top);
        out.flush();
      }
      if (r.status() == ComposeStatus.DOOMED) {
        err.println(
            "tumbi-assembler: compose " + r.layout().composeId() + " DOOMED: " + r.reason());
        err.flush();
        return ExitCodes.COMPOSE_FAILED;
      }
      if (recordError != null) {
        // The compose is made; only its record is missing: say so, with the error's own code.
        throw new DebforgeException(
            recordError.kind(),
            "compose "
                + r.layout().composeId()
                + " finished but was not recorded in deb-orchestrator: "
                + recordError.getMessage(),
            "record it later: deb-orchestrator import-compose " + top);
      }
      return ExitCodes.OK;
    }
  }

  private static String actor() {
    String env = System.getenv("DEB_ORCHESTRATOR_USER");
    if (env != null && !env.isEmpty()) {
      return env;
    }
    String user = System.getenv("USER");
    return user != null && !user.isEmpty() ? user : "tumbi-assembler";
  }

  static PhaseListener progress(PrintWriter err) {
    return new PhaseListener() {
      @Override
      public void started(String phase) {
        err.println("[" + phase + "] started");
        err.flush();
      }

      @Override
      public void ended(PhaseRecord r) {
        err.println(
            "["
                + r.name()
                + "] "
                + (r.error() == null
                    ? "finished"
                    : (r.failable() ? "failed (failable): " : "FAILED: ") + r.error())
                + String.format(" (%.1f s)", r.seconds()));
        err.flush();
      }
    };
  }

  static Map<String, Object> json(Composer.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("composeId", r.layout().composeId());
    m.put("status", r.status().name());
    m.put("path", r.layout().topdir().toString());
    m.put("reason", r.reason());
    List<Map<String, Object>> phases = new ArrayList<>();
    for (PhaseRecord p : r.phases()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("name", p.name());
      x.put("status", p.status());
      x.put("seconds", p.seconds());
      x.put("error", p.error());
      phases.add(x);
    }
    m.put("phases", phases);
    return m;
  }
}
