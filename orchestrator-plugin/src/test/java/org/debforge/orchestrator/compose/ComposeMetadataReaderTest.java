package org.debforge.orchestrator.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.testing.Composes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The compose metadata reader on good, malformed and hostile input. */
class ComposeMetadataReaderTest {
  @TempDir Path tmp;

  static final String ID = "Debforge-12-20260603.0";
  static final String INFO = Composes.composeinfo(ID, "FINISHED");
  static final String LOCK =
      Composes.lock(ID, "bookworm-local", "s1", List.of(Composes.BASE_FILES), List.of());

  static ComposeMetadata parse(String info, String lock) {
    return ComposeMetadataReader.parse(
        info.getBytes(StandardCharsets.UTF_8), lock.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheComposeinfoAndTheLock() throws Exception {
    ComposeMetadata m = ComposeMetadataReader.read(Composes.dir(tmp.resolve("c"), INFO, LOCK));
    assertThat(m.composeId()).isEqualTo(ID);
    assertThat(m.name()).isEqualTo("Debforge");
    assertThat(m.version()).isEqualTo("12");
    assertThat(m.date()).isEqualTo("20260603");
    assertThat(m.respin()).isZero();
    assertThat(m.status()).isEqualTo("FINISHED");
    assertThat(m.blueprint()).isEqualTo("minimal.yaml");
    assertThat(m.phasesJson()).contains("\"gather\"");
    assertThat(m.packages())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.name()).isEqualTo("base-files");
              assertThat(p.version()).isEqualTo("12.4+deb12u5");
              assertThat(p.source()).isEqualTo("debian");
            });
    assertThat(m.sources()).hasSize(2);
    assertThat(m.sources().get(1).tag()).isEqualTo("bookworm-local");
    assertThat(m.sources().get(1).snapshot()).isEqualTo("s1");
    assertThat(m.contentSha256()).matches("[0-9a-f]{64}");
  }

  @Test
  void theDigestIgnoresLayoutButNotContent() {
    String reformatted = INFO.replace("\n", " ").replace("  ", " ");
    assertThat(parse(reformatted, LOCK).contentSha256())
        .isEqualTo(parse(INFO, LOCK).contentSha256());
    assertThat(parse(Composes.composeinfo(ID, "DOOMED"), LOCK).contentSha256())
        .isNotEqualTo(parse(INFO, LOCK).contentSha256());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // what is replaced in the lock | the field the error names
        "\"name\":\"base-files\" | \"name\":\"Base_Files\" | packages[0].name",
        "\"version\":\"12.4+deb12u5\" | \"version\":\"1:\" | packages[0].version",
        "\"arch\":\"amd64\" | \"arch\":\"AMD 64\" | packages[0].arch",
        "\"size\":70000 | \"size\":-1 | packages[0].size",
        "\"size\":70000 | \"size\":\"big\" | packages[0].size",
        "\"source\":\"debian\",\"filename | \"source\":\"nowhere\",\"filename | packages[0].source",
        "\"filename\":\"pool/ | \"filename\":\"/pool/ | packages[0].filename",
        "\"filename\":\"pool/ | \"filename\":\"../../etc/ | packages[0].filename",
        "\"schema\":1 | \"schema\":2 | schema",
        "\"schema\":1 | \"schema\":\"1\" | schema",
        "\"compose_id\":\"Debforge-12-20260603.0\" | \"compose_id\":\"Other-1\" | compose_id",
        "\"kind\":\"mirror\" | \"kind\":\"ftp\" | sources[0].kind",
        "\"tag\":\"bookworm-local\" | \"tag\":\"a b\" | sources[1].tag",
        "\"snapshot\":\"s1\" | \"snapshot\":\"../s1\" | sources[1].snapshot",
        "\"components\":[\"main\"]} | \"components\":[\"main\"],\"extra\":1} | sources[0].extra",
      })
  void aBadLockFieldIsNamed(String from, String to, String field) {
    String lock = LOCK.replace(from, to);
    assertThat(lock).isNotEqualTo(LOCK);
    assertThatThrownBy(() -> parse(INFO, lock))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
              assertThat(e.getMessage()).startsWith("metadata/lock.json: " + field);
            });
  }

  @Test
  void aBadSha256IsNamed() {
    String lock = LOCK.replace("ab".repeat(32), "AB".repeat(32));
    assertThatThrownBy(() -> parse(INFO, lock))
        .hasMessageStartingWith("metadata/lock.json: packages[0].sha256");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"id\": \"Debforge-12-20260603.0\" | \"id\": \"../../x\" | payload.compose.id",
        "\"date\": \"20260603\" | \"date\": \"2026-06-03\" | payload.compose.date",
        "\"respin\": 0 | \"respin\": -1 | payload.compose.respin",
        "\"type\": \"production\" | \"type\": \"weekly\" | payload.compose.type",
        "\"version\": \"1.2\" | \"version\": \"2.0\" | header",
        "\"status\": \"FINISHED\" | \"status\": \"fine\" | debforge.status",
        "\"name\": \"Debforge\" | \"name\": \"Deb\\nforge\" | payload.release.name",
        "\"phases\": [ | \"phasez\": [ | debforge.phases",
      })
  void aBadComposeinfoFieldIsNamed(String from, String to, String field) {
    String info = INFO.replace(from, to);
    assertThat(info).isNotEqualTo(INFO);
    assertThatThrownBy(() -> parse(info, LOCK))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
              assertThat(e.getMessage()).startsWith("metadata/composeinfo.json: " + field);
            });
  }

  @Test
  void malformedJsonTruncatedOrDeeplyNestedIsInvalidInput() {
    assertThatThrownBy(() -> parse(INFO.substring(0, INFO.length() / 2), LOCK))
        .hasMessageStartingWith("metadata/composeinfo.json: not JSON");
    assertThatThrownBy(() -> parse("[]", LOCK))
        .hasMessageStartingWith("metadata/composeinfo.json: (top)");
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertThatThrownBy(() -> parse(INFO, deep))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  @Test
  void aPackageListedTwiceIsRefused() {
    String lock =
        Composes.lock(ID, "t", null, List.of(Composes.BASE_FILES, Composes.BASE_FILES), List.of());
    assertThatThrownBy(() -> parse(INFO, lock)).hasMessageContaining("listed twice");
  }

  @Test
  void oversizedFilesAreRefusedBeforeParsing() throws Exception {
    Path dir = Composes.dir(tmp.resolve("big"), INFO, LOCK);
    Files.write(
        dir.resolve("metadata/composeinfo.json"),
        new byte[ComposeMetadataReader.MAX_COMPOSEINFO_BYTES + 1]);
    assertThatThrownBy(() -> ComposeMetadataReader.read(dir))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT);
              assertThat(e.getMessage()).contains("composeinfo.json: larger than");
            });
  }

  @Test
  void symlinkedMetadataIsNotFollowed() throws Exception {
    Path dir = Composes.dir(tmp.resolve("link"), INFO, LOCK);
    Path elsewhere = Files.writeString(tmp.resolve("elsewhere.json"), LOCK);
    Files.delete(dir.resolve("metadata/lock.json"));
    Files.createSymbolicLink(dir.resolve("metadata/lock.json"), elsewhere);
    assertThatThrownBy(() -> ComposeMetadataReader.read(dir))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT));
  }

  @Test
  void aMissingLockIsNotFoundNamingIt() throws Exception {
    Path dir = Composes.dir(tmp.resolve("nolock"), INFO, LOCK);
    Files.delete(dir.resolve("metadata/lock.json"));
    assertThatThrownBy(() -> ComposeMetadataReader.read(dir))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
              assertThat(e.getMessage()).contains("metadata/lock.json");
            });
  }
}
