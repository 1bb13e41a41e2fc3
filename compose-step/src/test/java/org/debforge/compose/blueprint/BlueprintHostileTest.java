package org.debforge.compose.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input written to hurt: every case ends in a BlueprintException, quickly, without leaking. */
class BlueprintHostileTest {
  @TempDir Path tmp;

  BlueprintException fails(Path file) {
    long start = System.nanoTime();
    BlueprintException e =
        catchThrowableOfType(() -> BlueprintLoader.load(file), BlueprintException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(e).isNotNull();
    return e;
  }

  @Test
  void oversizedFilesAreRefusedUnread() throws Exception {
    Path big = tmp.resolve("big.yaml");
    Files.writeString(big, Yaml.MINIMAL + "#" + "x".repeat((int) YamlFile.MAX_BYTES) + "\n");
    BlueprintException e = fails(big);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT);
    assertThat(e.getMessage()).isEqualTo(big + ": error: is larger than 1024 KiB");
  }

  @Test
  void aliasBombsAreRefused() {
    StringBuilder y = new StringBuilder(Yaml.MINIMAL + "a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    BlueprintException e = fails(Yaml.write(tmp, "bomb.yaml", y.toString()));
    assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT);
    assertThat(e.getMessage()).contains("aliases");
  }

  @Test
  void aFewAliasesAreFineAndNotExpandedExponentially() {
    Blueprint b =
        BlueprintLoader.load(
            Yaml.write(
                tmp,
                "ok.yaml",
                Yaml.MINIMAL
                    + "groups: {base: &base [systemd, less]}\n"
                    + "arches: {arm64: {packages: *base}, i386: {packages: *base}}\n"));
    assertThat(b.arches().get("i386").packages()).containsExactly("systemd", "less");
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    BlueprintException e = fails(Yaml.write(tmp, "deep.yaml", Yaml.MINIMAL + "packages: " + deep));
    assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT);
  }

  @Test
  void recursiveAliasesEndInAnError() {
    BlueprintException e =
        fails(Yaml.write(tmp, "rec.yaml", Yaml.MINIMAL + "packages: &p [a1, *p]\n"));
    assertThat(e.problems().get(0).key()).isEqualTo("packages[1]");
  }

  @Test
  void nonUtf8IsRefusedWithItsLine() throws Exception {
    Path f = tmp.resolve("latin1.yaml");
    Files.write(
        f, (Yaml.MINIMAL + "users: [{name: x, gecos: Jos\u00e9}]\n").getBytes("ISO-8859-1"));
    BlueprintException e = fails(f);
    assertThat(e.problems().get(0).line()).isEqualTo(5);
    assertThat(e.getMessage()).contains("is not UTF-8");
  }

  @Test
  void aByteOrderMarkIsAccepted() throws Exception {
    Path f = tmp.resolve("bom.yaml");
    Files.writeString(f, "\uFEFF" + Yaml.MINIMAL);
    assertThat(BlueprintLoader.load(f).name()).isEqualTo("t");
  }

  @Test
  void severalDocumentsAreRefused() {
    BlueprintException e = fails(Yaml.write(tmp, "two.yaml", Yaml.MINIMAL + "---\nname: u\n"));
    assertThat(e.problems().get(0).line()).isEqualTo(5);
  }

  @Test
  void includingADeviceOrFolderIsRefused() {
    BlueprintException e =
        fails(Yaml.write(tmp, "dev.yaml", Yaml.MINIMAL + "include: [/dev/zero, /etc]\n"));
    assertThat(e.problems()).hasSize(2);
    assertThat(e.problems()).allMatch(p -> p.message().contains("is not a regular file"));
    assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT);
  }

  @Test
  void aBlueprintThatIsNotAFileIsRefused() {
    BlueprintException e = fails(tmp);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT);
  }

  @Test
  void includingASecretFileNeverQuotesIt() {
    // An include may point anywhere readable; what it holds must not reach a log.
    String secret = "root:$6$s3cr3tHash$abcdefghijklmnop:19000:0:99999:7:::";
    Yaml.write(tmp, "shadow", secret + "\ndaemon:*:19000:0:99999:7:::\n");
    Yaml.write(tmp, "shadow2", "root: $6$s3cr3tHash\n[{x\n");
    BlueprintException e =
        fails(Yaml.write(tmp, "b.yaml", Yaml.MINIMAL + "include: [shadow, shadow2]\n"));
    assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain("daemon");
    assertThat(e.problems())
        .extracting(Problem::message)
        .containsExactly(
            "is not a blueprint: none of its keys is a blueprint key",
            "is not valid YAML: could not find expected ':'");
  }

  @Test
  void controlCharactersAndHugeKeysAreShownEscapedAndCut() {
    BlueprintException e =
        fails(
            Yaml.write(
                tmp,
                "b.yaml",
                Yaml.MINIMAL + "k".repeat(900) + ": 1\npackages: [\"a\\x1b[31mb\"]\n"));
    assertThat(e.getMessage()).doesNotContain("\u001b").contains("\\x1b").hasSizeLessThan(3000);
  }

  @Test
  void keyringAndFilesMustExist() {
    BlueprintException e =
        fails(
            Yaml.write(
                tmp,
                "b.yaml",
                Yaml.MINIMAL
                    + "sources: [{suite: bookworm, keyring: keys/none.gpg}]\n"
                    + "files: [{src: /dev/null, dest: /etc/x}]\n"));
    assertThat(e.problems())
        .extracting(Problem::key)
        .containsExactly("sources[0].keyring", "files[0].src");
    assertThat(e.problems().get(0).message()).endsWith("keys/none.gpg does not exist");
  }

  @Test
  void nulInAPathIsRefused() {
    BlueprintException e =
        fails(
            Yaml.write(tmp, "b.yaml", Yaml.MINIMAL + "files: [{src: \"a\\0b\", dest: /etc/x}]\n"));
    assertThat(e.problems().get(0).key()).isEqualTo("files[0].src");
  }
}
