package org.debforge.orchestrator.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.compose.ComposeMetadataReader;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.debforge.orchestrator.tag.InheritanceLink;
import org.debforge.orchestrator.testing.Composes;
import org.debforge.orchestrator.testing.Uploads;

/**
 * A served store with the tags and two real imported builds of hello, one a deb-mock result
 * with logs and Jenkins provenance. Hostile text sits where users can put it: a log line, a package
 * filter, a package owner, a Jenkins job name and a javascript: Jenkins URL.
 */
final class WebFixture implements AutoCloseable {
  static final String HOSTILE = "<script>alert(1)</script>";

  final Orchestrator o;
  final OrchestratorServer server;
  final String base;
  final String tagger;
  final String reader;

  WebFixture(Path tmp, boolean anonymousRead) throws Exception {
    o = Orchestrator.open(tmp.resolve("store"), null, null, null);
    tagger = o.createToken("setup", "release-team", Role.TAGGER).secret();
    reader = o.createToken("setup", "composer", Role.READER).secret();
    o.addTag("admin", "trixie-build", List.of("amd64"));
    o.addTag("admin", "trixie-updates-candidate", List.of());
    o.addTag("admin", "trixie-updates", List.of());
    o.addTag("admin", "sandbox", List.of());
    o.addInheritance("admin", "trixie-updates-candidate", InheritanceLink.of("trixie-updates", 0));
    o.addInheritance("admin", "trixie-build", InheritanceLink.of("trixie-updates-candidate", 0));
    o.addInheritance(
        "admin",
        "sandbox",
        new InheritanceLink("trixie-updates", 0, null, false, false, "(?:" + HOSTILE + ")?hello"));
    o.addTarget("admin", "trixie-candidate", "trixie-build", "trixie-updates-candidate");
    o.addPackage("admin", "trixie-updates", "hello", "alice " + HOSTILE, false);

    Path v1 = Uploads.changes(tmp.resolve("v1"), "hello", "2.10-2", "all", "one");
    Path v2 = Uploads.resultDir(tmp.resolve("v2"), "hello", "2.10-3", "two");
    StringBuilder log = new StringBuilder();
    for (int i = 1; i <= 1200; i++) {
      log.append(
          switch (i) {
            case 7 -> "dpkg-buildpackage: warning: " + HOSTILE + " in debian/rules\n";
            case 900 -> "dh_auto_test: warning: 2 tests skipped\n";
            default -> "make[1]: line " + i + " of the build\n";
          });
    }
    Files.writeString(v2.resolve("build.log"), log);
    o.importBuild(v1, Provenance.of("jenkins", Instant.parse("2026-11-20T10:00:00Z")));
    o.importBuild(
        v2,
        new Provenance(
            "jenkins",
            Instant.parse("2026-11-21T10:00:00Z"),
            "https://ci.debforge.invalid/job/hello/7/",
            "hello " + HOSTILE,
            7));
    Path v0 = Uploads.changes(tmp.resolve("v0"), "hello", "2.10-1", "all", "zero");
    o.importBuild(v0, new Provenance("jenkins", Instant.now(), "javascript:alert(1)", "x", 1));
    o.tagBuild("release-team", "trixie-updates", "hello_2.10-2");
    importCompose();
    server =
        OrchestratorServer.start(
            o,
            new OrchestratorServer.Options(
                "127.0.0.1", 0, anonymousRead, 1 << 20, tmp.resolve("uploads")));
    base = "http://127.0.0.1:" + server.port();
  }

  static final String COMPOSE = "Debforge-13-20261122.0";

  /**
   * A compose that read trixie-updates at snapshot s1 and holds hello_2.10-3's .deb, with hostile
   * text in its blueprint and a phase name.
   */
  private void importCompose() {
    var deb =
        o.build("hello_2.10-3").files().stream()
            .filter(f -> f.kind().equals("deb"))
            .findFirst()
            .orElseThrow();
    var hello = new Composes.Pkg("hello", "2.10-3", "amd64", deb.sha256(), deb.size());
    String info =
        Composes.composeinfo(COMPOSE, "FINISHED")
            .replace("minimal.yaml", HOSTILE)
            .replace("\"gather\"", "\"" + HOSTILE.replace("/", "\\/") + "\"");
    o.importCompose(
        "jenkins",
        ComposeMetadataReader.parse(
            info.getBytes(StandardCharsets.UTF_8),
            Composes.lock(
                    COMPOSE, "trixie-updates", "s1", List.of(Composes.BASE_FILES), List.of(hello))
                .getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void close() {
    server.close();
    o.close();
  }
}
