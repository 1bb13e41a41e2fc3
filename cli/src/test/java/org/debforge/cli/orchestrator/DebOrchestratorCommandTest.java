package org.debforge.cli.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.testing.InProcess;
import org.debforge.cli.testing.InProcess.Result;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deb-orchestrator's commands in process: outputs, and exit codes for each kind of refusal. */
class DebOrchestratorCommandTest {
  @TempDir Path tmp;

  Result run(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--store";
    all[args.length + 1] = tmp.resolve("store").toString();
    all[args.length + 2] = "--user";
    all[args.length + 3] = "tester";
    return InProcess.run("deb-orchestrator", all);
  }

  @Test
  void importTagAndListAsJsonWithHistory() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("up"), "hello", "1.0-1", "all", "x");
    Result imported = run("import", changes.toString(), "--json", "--jenkins-number", "12");
    assertThat(imported.code()).as(imported.err()).isZero();
    JsonNode build = new ObjectMapper().readTree(imported.out());
    assertThat(build.path("created").asBoolean()).isTrue();
    assertThat(build.path("build").path("provenance").path("jenkins_number").asInt()).isEqualTo(12);

    assertThat(run("add-tag", "trixie-updates", "--arches", "amd64,arm64").code()).isZero();
    assertThat(run("add-pkg", "trixie-updates", "hello", "--owner", "alice").code()).isZero();
    assertThat(run("tag-build", "trixie-updates", "hello_1.0-1").code()).isZero();
    Result listed = run("list-tagged", "trixie-updates", "--latest", "--json");
    JsonNode rows = new ObjectMapper().readTree(listed.out());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).path("nvr").asText()).isEqualTo("hello_1.0-1");
    assertThat(rows.get(0).path("tagged_by").asText()).isEqualTo("tester");

    Result history = run("list-history", "--tag", "trixie-updates");
    assertThat(history.out()).contains("tester tag trixie-updates hello_1.0-1");
    Result info = run("taginfo", "trixie-updates");
    assertThat(info.out()).as(info.err()).contains("Arches: amd64 arm64");
    assertThat(run("buildinfo", "hello_1.0-1").out()).contains("hello_1.0-1_all.deb");
  }

  @Test
  void deleteBuildUntagsAndMarksDeletedAndGcFreesItsBlobs() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("up"), "hello", "1.0-1", "all", "x");
    assertThat(run("import", changes.toString()).code()).isZero();
    assertThat(run("add-tag", "trixie-updates").code()).isZero();
    assertThat(run("add-pkg", "trixie-updates", "hello", "--owner", "alice").code()).isZero();
    assertThat(run("tag-build", "trixie-updates", "hello_1.0-1").code()).isZero();
    Result deleted = run("delete-build", "hello_1.0-1", "--json");
    assertThat(deleted.code()).as(deleted.err()).isZero();
    JsonNode rows = new ObjectMapper().readTree(deleted.out());
    assertThat(rows.get(0).path("state").asText()).isEqualTo("DELETED");
    assertThat(new ObjectMapper().readTree(run("list-tagged", "trixie-updates", "--json").out()))
        .isEmpty();
    assertThat(run("buildinfo", "hello_1.0-1").out()).contains("State: DELETED");
    Result again = run("delete-build", "hello_1.0-1");
    assertThat(again.code()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(again.err()).contains("already deleted");
    assertThat(run("gc", "--grace", "PT0S").code()).isZero();
    assertThat(run("list-history", "--build", "hello_1.0-1").out())
        .contains("tester untag trixie-updates hello_1.0-1", "tester delete-build");
  }

  @Test
  void failedDebMockResultImportsAsFailed() throws Exception {
    Path dir = tmp.resolve("failed");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("build.log"), "error");
    Files.writeString(
        dir.resolve("result.json"),
        "{\"status\": \"failed\", \"source\": {\"name\": \"hello\", \"version\": \"1.0-1\"},"
            + " \"logs\": [\"build.log\"]}");
    Result r = run("import", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("imported hello_1.0-1 as build 1 (FAILED)");
  }

  @Test
  void refusalsMapToTheirExitCodes() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("up"), "hello", "1.0-1", "all", "x");
    assertThat(run("import", changes.toString()).code()).isZero();
    assertThat(run("import", changes.toString()).out()).contains("already imported (identical)");

    Path other = Uploads.changes(tmp.resolve("other"), "hello", "1.0-1", "all", "y");
    Result conflict = run("import", other.toString());
    assertThat(conflict.code()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(conflict.err()).contains("already imported with other content");

    Result unknown = run("tag-build", "nope", "hello_1.0-1");
    assertThat(unknown.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err()).contains("no tag 'nope'");

    Path evil = Uploads.changes(tmp.resolve("evil"), "evil", "1", "all", "x");
    Files.writeString(evil, Files.readString(evil).replace("evil_1_all.deb", "../x.deb"));
    assertThat(run("import", evil.toString()).code()).isEqualTo(ExitCodes.UNSAFE_INPUT);
  }

  @Test
  void debsThatAreNotWhatTheChangesSaysAreRefusedWithExit4Or3() throws Exception {
    Path up = tmp.resolve("hostile");
    Path deb =
        Uploads.rawDeb(
            up.resolve("hello_1.0-1_amd64.deb"),
            Uploads.control("openssh-server", "1.0-1", "amd64", ""),
            "./usr/sbin/sshd",
            "evil");
    Path changes =
        Uploads.changesFor(
            up, "hello_1.0-1_amd64.changes", "hello", "1.0-1", "amd64", java.util.List.of(deb));
    Result other = run("import", changes.toString());
    assertThat(other.code()).as(other.err()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(other.err()).contains("hello_1.0-1_amd64.deb", "field Package 'openssh-server'");

    Uploads.rawDeb(deb, "Package: hello\nVersion: 1.0-1\n\nPackage: x\n", "./a", "");
    Uploads.changesFor(
        up, "hello_1.0-1_amd64.changes", "hello", "1.0-1", "amd64", java.util.List.of(deb));
    Result malformed = run("import", changes.toString());
    assertThat(malformed.code()).as(malformed.err()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(malformed.err()).contains("hello_1.0-1_amd64.deb", "one paragraph");

    // A listed file that is a symlink is not followed.
    Path real = Uploads.changes(tmp.resolve("real"), "hello", "1.0-1", "amd64", "x");
    Path linked = tmp.resolve("linked");
    Files.createDirectories(linked);
    Files.createSymbolicLink(
        linked.resolve("hello_1.0-1_amd64.deb"), real.resolveSibling("hello_1.0-1_amd64.deb"));
    Path changes2 = Files.copy(real, linked.resolve(real.getFileName()));
    Result link = run("import", changes2.toString());
    assertThat(link.code()).as(link.err()).isEqualTo(ExitCodes.UNSAFE_INPUT);
    assertThat(link.err()).contains("hello_1.0-1_amd64.deb", "not a regular file");
    assertThat(run("list-history").out()).doesNotContain("import");
  }

  @Test
  void serveRefusesClientLimitsThatAreNotPositive() {
    for (String[] bad :
        new String[][] {
          {"--body-slots", "0"}, {"--uploads-per-token", "0"}, {"--idle-timeout", "PT0S"}
        }) {
      Result r = run("serve", "--listen", "127.0.0.1:0", bad[0], bad[1]);
      assertThat(r.code()).as(String.join(" ", bad)).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(r.err()).contains("client limits");
    }
  }

  @Test
  void fsckExitsFourUntilRepaired() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("up"), "hello", "1.0-1", "all", "x");
    assertThat(run("import", changes.toString()).code()).isZero();
    Result sound = run("fsck");
    assertThat(sound.code()).as(sound.err()).isZero();
    assertThat(sound.out()).contains("sound: 2 blobs verified, 2 references checked");
    Path orphan = tmp.resolve("store/pool/ab/" + "c".repeat(62));
    java.nio.file.Files.createDirectories(orphan.getParent());
    // Its name is not its digest: corrupt and an orphan at once.
    java.nio.file.Files.writeString(orphan, "x");
    Result found = run("fsck", "--json");
    assertThat(found.code()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    JsonNode j = new ObjectMapper().readTree(found.out());
    assertThat(j.path("sound").asBoolean()).isFalse();
    assertThat(j.path("orphans").get(0).asText()).isEqualTo("ab" + "c".repeat(62));
    assertThat(j.path("corrupt").get(0).path("sha256").asText()).isEqualTo("ab" + "c".repeat(62));
    Result repaired = run("fsck", "--repair", "--grace", "PT0S");
    assertThat(repaired.out()).contains("(removed)");
    assertThat(run("fsck").code()).isZero();
  }

  @Test
  void tokenRevokeEndsATokenByNameOrId() throws Exception {
    assertThat(run("token", "create", "--name", "ci", "--role", "builder").code()).isZero();
    Result second = run("token", "create", "--name", "old", "--role", "reader", "--json");
    long id = new ObjectMapper().readTree(second.out()).path("id").asLong();
    Result revoked = run("token", "revoke", "ci");
    assertThat(revoked.code()).as(revoked.err()).isZero();
    assertThat(revoked.out()).contains("revoked ci (builder)");
    Result byId = run("token", "revoke", Long.toString(id), "--json");
    assertThat(byId.code()).as(byId.err()).isZero();
    assertThat(new ObjectMapper().readTree(byId.out()).path("name").asText()).isEqualTo("old");
    assertThat(run("token", "list").out()).doesNotContain("ci ").doesNotContain("old");
    assertThat(run("token", "revoke", "ci").code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(run("list-history").out()).contains("revoke-token");
  }

  @Test
  void editTagPermAndTokensWithPerms() throws Exception {
    assertThat(run("add-tag", "trixie-security").code()).isZero();
    Result edited = run("edit-tag", "trixie-security", "--perm", "release", "--json");
    assertThat(edited.code()).as(edited.err()).isZero();
    assertThat(new ObjectMapper().readTree(edited.out()).path("perm").asText())
        .isEqualTo("release");
    assertThat(run("taginfo", "trixie-security").out()).contains("perm=release");
    Result token =
        run("token", "create", "--name", "sru", "--role", "tagger", "--perm", "release", "--json");
    assertThat(token.code()).as(token.err()).isZero();
    assertThat(new ObjectMapper().readTree(token.out()).path("perms").toString())
        .isEqualTo("[\"release\"]");
    assertThat(run("token", "list").out()).contains("perms=release");
    Result bad = run("edit-tag", "trixie-security", "--perm", "../x");
    assertThat(bad.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run("edit-tag", "trixie-security", "--perm", "a", "--no-perm").code())
        .isEqualTo(ExitCodes.USAGE);
    Result cleared = run("edit-tag", "trixie-security", "--no-perm", "--json");
    assertThat(new ObjectMapper().readTree(cleared.out()).path("perm").isNull()).isTrue();
  }

  @Test
  void importWithKeyringRefusesAnUnsignedChangesWithExit4() throws Exception {
    Path changes = Uploads.changes(tmp.resolve("up"), "hello", "1.0-1", "all", "x");
    var key = org.debforge.core.pgp.KeyGenerator.generate("Uploader <up@debforge.invalid>", null);
    Path keyring = tmp.resolve("uploaders.gpg");
    Files.write(keyring, key.encodePublic(false));
    Result refused = run("import", changes.toString(), "--keyring", keyring.toString());
    assertThat(refused.code()).as(refused.err()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(refused.err()).contains("not signed");
    Files.writeString(
        changes, org.debforge.core.pgp.Signer.clearsign(Files.readString(changes), key));
    Result ok = run("import", changes.toString(), "--keyring", keyring.toString(), "--json");
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(
            new ObjectMapper()
                .readTree(ok.out())
                .path("build")
                .path("provenance")
                .path("signed_by")
                .asText())
        .isEqualTo(key.fingerprint());
    assertThat(run("buildinfo", "hello_1.0-1").out()).contains("Signed by: " + key.fingerprint());
  }
}
