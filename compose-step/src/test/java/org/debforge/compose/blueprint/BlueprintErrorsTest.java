package org.debforge.compose.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every blueprint error names its file, line and key path, and says what is allowed. */
class BlueprintErrorsTest {
  @TempDir Path tmp;

  List<Problem> problems(String name, String yaml) {
    Path file = Yaml.write(tmp, name, yaml);
    BlueprintException e =
        catchThrowableOfType(() -> BlueprintLoader.load(file), BlueprintException.class);
    assertThat(e).as("no error for:\n" + yaml).isNotNull();
    return e.problems();
  }

  Problem only(String yaml) {
    List<Problem> p = problems("b.yaml", yaml);
    assertThat(p).as(p.toString()).hasSize(1);
    return p.get(0);
  }

  /** Lines 1-4 are {@link Yaml#MINIMAL}; each case adds line 5 (and on), written with '|'. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          sources: [orchestrator:bad/tag]                 ; 5; sources[0]        ; bad tag name
          sources: ['orchestrator:t@a b']                 ; 5; sources[0]        ; bad snapshot id
          sources: [bookworm]                             ; 5; sources[0]        ; is not a source
          sources: [{suite: sid, keyring: nope.gpg}]      ; 5; sources[0].keyring; does not exist
          sources: [{mirror: 'ftp://x/debian'}]           ; 5; sources[0].mirror ; unsupported scheme
          sources: [{mirror: 'https://u:pw@x/debian'}]    ; 5; sources[0].mirror ; user name or password
          sources: [{orchestrator: t, suite: sid}]        ; 5; sources[0].suite  ; does not go with
          sources: [{suite: sid, server: 'http://x'}]     ; 5; sources[0].server ; goes with 'orchestrator' only
          sources: [{suite: sid, compnents: [main]}]      ; 5; sources[0].compnents; unknown key
          sources: [orchestrator:a, {orchestrator: b, name: a}]; 5; sources[1]   ; already used
          packages: [Hello]                               ; 5; packages[0]       ; not a package request
          packages: ['libc6:amd46']                       ; 5; packages[0]       ; unknown architecture
          packages: ['hello=:1']                          ; 5; packages[0]       ; bad version
          packages: ['@nope']                             ; 5; packages[0]       ; no group 'nope'
          packages: [a1]|exclude: [a1]                    ; 5; packages[0]       ; requested and excluded
          groups: {g: ['@h'], h: [x1]}                    ; 5; groups.g[0]       ; cannot name another group
          exclude: ['a1=1']                               ; 5; exclude[0]        ; is not allowed
          recommends: yes                                 ; 5; recommends        ; not a boolean
          required: [true]                                ; 5; required          ; not a boolean
          files: [{src: missing, dest: /etc/x}]           ; 5; files[0].src      ; does not exist
          files: [{src: b.yaml, dest: etc/x}]             ; 5; files[0].dest     ; absolute path
          files: [{src: b.yaml, dest: /etc/../shadow}]    ; 5; files[0].dest     ; absolute path
          files: [{src: b.yaml, dest: /x, mode: 0999}]    ; 5; files[0].mode     ; octal
          files: [{dest: /x}]                             ; 5; files[0].src      ; missing
          files: [{src: b.yaml, dest: /x}, {src: b.yaml, dest: /x}]; 5; files[1] ; already given
          postprocess: [{inline: x, inlin: y}]            ; 5; postprocess[0].inlin; did you mean 'inline'
          postprocess: [.]                                ; 5; postprocess[0]    ; not a regular file
          users: [{name: Root}]                           ; 5; users[0].name     ; is not allowed
          users: [{name: x, uid: 0}]                      ; 5; users[0].uid      ; uid 0
          users: [{name: x, gecos: 'a:b'}]                ; 5; users[0].gecos    ; is not allowed
          users: [{name: x}, {name: x}]                   ; 5; users[1]          ; already given
          kernel-args: ['a b']                            ; 5; kernel-args[0]    ; is not allowed
          outputs: [iso]                                  ; 5; outputs[0]        ; unknown output type
          outputs: [repo, repo]                           ; 5; outputs[1]        ; listed twice
          outputs: []                                     ; 5; outputs           ; at least one output
          outputs: [{type: image, formats: vmdk}]         ; 5; outputs[0].formats; 'vmdk' is not a format
          outputs: [{type: image, size: 4T}]              ; 5; outputs[0].size   ; is not a size
          outputs: [{type: image, colour: red}]           ; 5; outputs[0].colour ; unknown option
          arches: {amd46: {packages: [x1]}}               ; 5; arches.amd46      ; unknown architecture
          arches: {amd64: {pakages: [x1]}}                ; 5; arches.amd64.pakages; did you mean 'packages'
          pakages: [hello]                                ; 5; pakages           ; did you mean 'packages'
          include: [nope.yaml]                            ; 5; include[0]        ; does not exist
          include: [b.yaml]                               ; 5; include[0]        ; include cycle
          packages: [a1]|packages: [b1]                   ; 6; packages          ; duplicate key
          """)
  void namesLineAndKey(String yaml, int line, String key, String message) {
    Problem p = only(Yaml.MINIMAL + yaml.replace('|', '\n') + "\n");
    assertThat(p.file()).isEqualTo(tmp.resolve("b.yaml").toAbsolutePath());
    assertThat(p.line()).as(p.toString()).isEqualTo(line);
    assertThat(p.key()).as(p.toString()).isEqualTo(key);
    assertThat(p.message() + " hint: " + p.hint()).as(p.toString()).contains(message);
    assertThat(p.column()).isPositive();
    assertThat(p.kind()).isEqualTo(ErrorKind.CONFIG);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          name: 'a/b'                  ; name         ; letters, digits
          name: .hidden                ; name         ; letters, digits
          suite: '../../etc'           ; suite        ; a Debian suite
          version: '1-2'               ; version      ; %{date}
          version: '%{month}'          ; version      ; %{date}
          architectures: [amd64, amd64]; architectures[1]; list each once
          architectures: []            ; architectures; the first is native
          """)
  void scalarsSayWhatIsAllowed(String line, String key, String hint) {
    String yaml =
        Yaml.MINIMAL
            .lines()
            .filter(l -> !l.startsWith(line.substring(0, line.indexOf(':') + 1)))
            .reduce("", (a, b) -> a + b + "\n");
    Problem p = only(yaml + line + "\n");
    assertThat(p.key()).isEqualTo(key);
    assertThat(p.line()).isEqualTo(4);
    assertThat(p.hint()).contains(hint);
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsHint() {
    List<Problem> p =
        problems(
            "b.yaml",
            "name: t\nversion: '1'\nsuite: bookworm\narchitectures: [amd46]\n"
                + "pakages: []\nusers: [{name: A}]\n");
    assertThat(p)
        .extracting(Problem::key)
        .containsExactly("architectures[0]", "pakages", "users[0].name");
    BlueprintException e =
        catchThrowableOfType(
            () -> BlueprintLoader.load(tmp.resolve("b.yaml")), BlueprintException.class);
    assertThat(e.getMessage())
        .startsWith(
            "3 problems in the blueprint:\n"
                + tmp.resolve("b.yaml").toAbsolutePath()
                + ":4:17: error: architectures[0]: unknown architecture 'amd46'\n    hint: ")
        .contains("did you mean 'packages'");
    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
  }

  @Test
  void missingRequiredKeysAreNamed() {
    List<Problem> p = problems("b.yaml", "packages: [hello]\n");
    assertThat(p)
        .extracting(Problem::key)
        .containsExactly("name", "version", "suite", "architectures");
    assertThat(p.get(0).toString()).endsWith("b.yaml: error: name: missing");
  }

  @Test
  void errorsInAnIncludeNameTheIncludedFile() {
    Path base = Yaml.write(tmp, "sub/base.yaml", "packages:\n  - ok1\n  - BAD\n");
    Problem p = only(Yaml.MINIMAL + "include: sub/base.yaml\n");
    assertThat(p.file()).isEqualTo(base.toAbsolutePath());
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.key()).isEqualTo("packages[1]");
  }

  @Test
  void includeCycleNamesTheChain() {
    Yaml.write(tmp, "a.yaml", "include: b.yaml\n");
    Yaml.write(tmp, "b.yaml", "include: [a.yaml]\n");
    List<Problem> all = problems("top.yaml", Yaml.MINIMAL + "include: [a.yaml]\n");
    assertThat(all).hasSize(1);
    Problem p = all.get(0);
    assertThat(p.message())
        .isEqualTo(
            "include cycle: "
                + tmp.resolve("a.yaml")
                + " -> "
                + tmp.resolve("b.yaml")
                + " -> "
                + tmp.resolve("a.yaml"));
    assertThat(p.file()).isEqualTo(tmp.resolve("b.yaml"));
  }

  @Test
  void includeDepthIsLimited() {
    int n = BlueprintLoader.MAX_INCLUDE_DEPTH + 2;
    for (int i = 0; i < n; i++) {
      Yaml.write(tmp, "i" + i + ".yaml", i + 1 < n ? "include: i" + (i + 1) + ".yaml\n" : "{}\n");
    }
    Problem p = only(Yaml.MINIMAL + "include: i0.yaml\n");
    assertThat(p.message()).startsWith("includes nest deeper than 8");
  }

  @Test
  void yamlSyntaxErrorsNameLineAndColumn() {
    Problem p = only("name: t\nversion: [1\nsuite: x\n");
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.message()).startsWith("is not valid YAML");
  }

  @Test
  void tabsInIndentationAreExplained() {
    Problem p = only(Yaml.MINIMAL + "packages:\n\t- hello\n");
    assertThat(p.line()).isEqualTo(6);
    assertThat(p.message()).isEqualTo("a tab in the indentation");
  }

  @Test
  void aMissingDefaultKeyringIsReportedWhereTheSourceIs() {
    // The host has debian-archive-keyring (scripts/install-deps); the check is on the path.
    assertThat(Finisher.DEBIAN_KEYRING).exists();
  }
}
