package org.debforge.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.testing.InProcess;
import org.debforge.core.control.Paragraph;
import org.debforge.core.deb.DebWriter;
import org.debforge.core.pgp.KeyGenerator;
import org.debforge.core.pgp.SigningKey;
import org.debforge.core.repo.PoolScanner;
import org.debforge.core.repo.RepositoryWriter;
import org.debforge.core.repo.SuiteSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** resolve and compose through the command tree, over a small signed archive (no network). */
class ComposeCommandsTest {
  @TempDir static Path tmp;
  static Path archive;
  static Path keyring;
  static Path composeKey;

  @BeforeAll
  static void archive() throws Exception {
    archive = tmp.resolve("archive");
    Files.createDirectories(archive.resolve("pool"));
    deb("base", "1", "Essential", "yes", "Priority", "required");
    deb("hello", "2.10-3", "Priority", "optional", "Depends", "libx");
    deb("libx", "1", "Priority", "optional");
    deb("broken", "1", "Priority", "optional", "Depends", "gone");
    SigningKey key = KeyGenerator.generate("Test <t@example.org>", null);
    RepositoryWriter.publish(
        archive,
        new SuiteSettings(
            "T",
            "T",
            "testing",
            "testing",
            null,
            "main",
            List.of("amd64"),
            ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            false),
        PoolScanner.scan(archive, archive.resolve("pool")),
        key);
    keyring = tmp.resolve("key.gpg");
    Files.write(keyring, key.encodePublic(false));
    composeKey = tmp.resolve("compose-key.asc");
    Files.write(composeKey, key.encodeSecret(true));
  }

  static void deb(String name, String version, String... fields) {
    Paragraph p =
        Paragraph.of(
            "Package",
            name,
            "Version",
            version,
            "Architecture",
            "amd64",
            "Maintainer",
            "T <t@example.org>",
            "Description",
            name);
    for (int i = 0; i < fields.length; i += 2) {
      p.set(fields[i], fields[i + 1]);
    }
    DebWriter.of(p)
        .file("usr/share/doc/" + name + "/x", 0644, "x".getBytes(StandardCharsets.UTF_8))
        .write(archive.resolve("pool/" + name + "_" + version + "_amd64.deb"));
  }

  /** Writes the blueprint the commands read: one signed test archive, these packages. */
  static String blueprint(List<String> packages) throws Exception {
    Path file = tmp.resolve("bp.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "name: mini",
            "version: \"1.0\"",
            "suite: testing",
            "architectures: [amd64]",
            "sources:",
            "  - name: test",
            "    mirror: " + archive.toUri(),
            "    suite: testing",
            "    components: [main]",
            "    keyring: " + keyring,
            "packages: [" + String.join(", ", packages) + "]",
            ""));
    return file.toString();
  }

  @Test
  void resolvePrintsTheLockAsATable() throws Exception {
    String bp = blueprint(List.of("hello"));
    InProcess.Result r = InProcess.run("tumbi-assembler", "resolve", bp);
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("NAME").contains("VERSION", "ARCH", "SHA256", "SOURCE");
    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).matches("hello\\s+2\\.10-3\\s+amd64\\s+[0-9a-f]{64}\\s+test");
  }

  @Test
  void resolveJsonIsTheLockWithoutAComposeId() throws Exception {
    String bp = blueprint(List.of("hello"));
    InProcess.Result r = InProcess.run("tumbi-assembler", "resolve", bp, "--json");
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("schema").asInt()).isEqualTo(1);
    assertThat(doc.has("compose_id")).isFalse();
    assertThat(doc.get("packages")).hasSize(3);
    assertThat(doc.at("/sources/0/kind").asText()).isEqualTo("mirror");
  }

  @Test
  void resolveWhyPrintsTheChain() throws Exception {
    String bp = blueprint(List.of("hello"));
    InProcess.Result r = InProcess.run("tumbi-assembler", "resolve", bp, "--why", "libx");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("hello 2.10-3: requested (blueprint)", "hello Depends: libx -> libx 1");
  }

  @Test
  void anUnsatisfiableSetIsExplainedWithExit30() throws Exception {
    String bp = blueprint(List.of("broken"));
    InProcess.Result r = InProcess.run("tumbi-assembler", "resolve", bp);
    assertThat(r.code()).isEqualTo(ExitCodes.DEPENDENCY_RESOLUTION).isEqualTo(30);
    assertThat(r.err()).contains("gone", "└─");
  }

  @Test
  void composeReportsProgressAndTheCompose() throws Exception {
    String bp = blueprint(List.of("hello"));
    Path target = tmp.resolve("composes");
    InProcess.Result r =
        InProcess.run(
            "tumbi-assembler",
            "compose",
            bp,
            "--target",
            target.toString(),
            "--no-rootfs",
            "--signing-key",
            composeKey.toString(),
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("[init] started", "[gather] finished", "[repoclosure] finished");
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("status").asText()).isEqualTo("FINISHED");
    String id = doc.get("composeId").asText();
    assertThat(Files.readSymbolicLink(target.resolve("latest-mini")).toString()).isEqualTo(id);
  }

  @Test
  void aDoomedComposeExits45() throws Exception {
    String bp = blueprint(List.of("broken"));
    InProcess.Result r =
        InProcess.run(
            "tumbi-assembler",
            "compose",
            bp,
            "--target",
            tmp.resolve("doomed").toString(),
            "--no-rootfs",
            "--signing-key",
            composeKey.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.COMPOSE_FAILED).isEqualTo(45);
    assertThat(r.err()).contains("[gather] FAILED", "DOOMED", "gone");
    assertThat(r.out()).contains("DOOMED");
  }
}
