package org.debforge.cli.orchestrator;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.orchestrator.OrchestratorApi;
import org.debforge.orchestrator.fsck.FsckReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deb-orchestrator fsck [--repair] [--json]}: verify the store; exit 4 when not sound. */
@Command(
    name = "fsck",
    mixinStandardHelpOptions = true,
    description = {
      "Verify the store: every blob's sha256, every file of a build against the pool (dangling",
      "references), and blobs no build lists (orphans). Exit 0 when sound, 4 when not.",
      "--repair removes orphans older than --grace; corrupt blobs and dangling files are only",
      "reported (restore them from a backup or import the build again)."
    })
final class FsckCommand extends StoreCommand {
  @Option(names = "--repair", description = "Remove orphaned blobs (never referenced data).")
  boolean repair;

  @Option(
      names = "--grace",
      defaultValue = "PT1H",
      description =
          "With --repair, keep orphans younger than this (an import may be about to commit them);"
              + " ISO-8601, default ${DEFAULT-VALUE}.")
  Duration grace;

  private boolean sound = true;

  @Override
  public Integer call() {
    int code = super.call();
    return code == ExitCodes.OK && !sound ? ExitCodes.VERIFICATION_FAILED : code;
  }

  @Override
  void run(OrchestratorApi o, PrintWriter out) {
    FsckReport r = local(o).fsck(repair, grace);
    sound = r.sound();
    if (json.enabled()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sound", r.sound());
      m.put("blobs", r.blobs());
      m.put("references", r.references());
      m.put("corrupt", r.corrupt());
      m.put("dangling", r.dangling());
      m.put("orphans", r.orphans());
      m.put("removed", r.removed());
      JsonOutput.print(out, m);
      return;
    }
    for (FsckReport.Corrupt c : r.corrupt()) {
      out.printf("corrupt: %s: %s (content hashes to %s)%n", c.sha256(), c.reason(), c.actual());
    }
    for (FsckReport.Dangling d : r.dangling()) {
      out.printf("dangling: %s: %s: blob %s is missing%n", d.build(), d.file(), d.sha256());
    }
    for (String sha : r.orphans()) {
      out.printf("orphan: %s%s%n", sha, r.removed().contains(sha) ? " (removed)" : "");
    }
    out.printf(
        "%s: %d blobs verified, %d references checked; %d corrupt, %d dangling, %d orphans"
            + " (%d removed)%n",
        r.sound() ? "sound" : "NOT sound",
        r.blobs(),
        r.references(),
        r.corrupt().size(),
        r.dangling().size(),
        r.orphans().size(),
        r.removed().size());
  }
}
