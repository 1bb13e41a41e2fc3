package org.debforge.compose.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.compose.testing.Golden;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lock.json, schema 1: deb-orchestrator imports it, so its text is fixed by a golden file. */
class LockJsonTest {
  @TempDir Path tmp;

  static Lock sample() {
    return new Lock(
        "mini-1.0-20261203.0",
        List.of(
            new LockedPackage(
                "tool", "0.1", "all", "b".repeat(64), 900, "local", "pool/t/tool_0.1_all.deb"),
            new LockedPackage(
                "hello",
                "2:2.10-3",
                "amd64",
                "a".repeat(64),
                1234,
                "debian",
                "pool/main/h/hello/hello_2.10-3_amd64.deb")),
        List.of(
            new LockSource(
                "debian",
                "mirror",
                "http://deb.debian.org/debian",
                "bookworm",
                List.of("main"),
                null,
                null),
            new LockSource(
                "local",
                "orchestrator",
                "file:/srv/store/repos/dev/",
                "dev",
                List.of("main"),
                "dev",
                "17")));
  }

  @Test
  void matchesTheGoldenFile() throws Exception {
    String text = LockJson.text(sample());
    assertThat(text).isEqualTo(Golden.read(getClass(), "lock.json", text));
  }

  @Test
  void readsBackWhatItWrites() {
    Path f = tmp.resolve("lock.json");
    LockJson.write(f, sample());
    Lock back = LockJson.read(f);
    assertThat(back).isEqualTo(sample());
    assertThat(back.packages()).extracting(LockedPackage::name).containsExactly("hello", "tool");
  }

  @Test
  void refusesAnotherSchema() throws Exception {
    Path f = tmp.resolve("lock.json");
    Files.writeString(f, "{\"schema\": 2, \"packages\": []}");
    assertThatThrownBy(() -> LockJson.read(f))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("lock.json")
        .hasMessageContaining("schema");
  }

  @Test
  void namesTheEntryAndFieldThatIsMissing() throws Exception {
    Path f = tmp.resolve("lock.json");
    Files.writeString(
        f,
        "{\"schema\": 1, \"compose_id\": \"x\", \"packages\": [{\"name\": \"a\", \"version\": 3}]}");
    assertThatThrownBy(() -> LockJson.read(f))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining("packages[0]")
        .hasMessageContaining("'version'");
  }

  @Test
  void refusesTextThatIsNotJson() throws Exception {
    Path f = tmp.resolve("lock.json");
    Files.writeString(f, "schema: 1\n\u0000");
    assertThatThrownBy(() -> LockJson.read(f)).isInstanceOf(DebforgeException.class);
  }
}
