package org.debforge.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.store.BlobStore;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, part 3: what is imported is what the .changes says (dak's checks). Every hostile upload
 * here is built from code, its checksums in the .changes right, so only the new checks can refuse
 * it; each refusal names the file and the field, and leaves no blob, no build and no history event.
 */
class UploadCheckTest {
  static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path tmp;
  Orchestrator o;
  Path up;

  @BeforeEach
  void open() {
    Path store = tmp.resolve("store");
    o =
        new Orchestrator(
            new BlobStore(store),
            Database.embedded(store),
            Clock.fixed(T0, ZoneOffset.UTC),
            Checkpoint.NONE);
    up = tmp.resolve("up");
  }

  @AfterEach
  void close() {
    o.close();
  }

  /** An upload of one hand-made package {@code DEB} for source hello 1.0-1 on amd64. */
  Path upload(String debName, String control, String... data) throws Exception {
    Path deb = Uploads.rawDeb(up.resolve(debName), control, data);
    return Uploads.changesFor(
        up, "hello_1.0-1_amd64.changes", "hello", "1.0-1", "amd64", List.of(deb));
  }

  void refused(Path changes, ErrorKind kind, String... message) {
    int events = o.history(null, null).size();
    assertThatThrownBy(() -> o.importBuild(changes, Provenance.of("mallory", T0)))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind))
        .message()
        .contains(message);
    assertThat(o.blobs().list()).isEmpty();
    assertThat(o.listBuilds()).isEmpty();
    assertThat(o.history(null, null)).hasSize(events);
  }

  static String hello(String extra) {
    return Uploads.control("hello", "1.0-1", "amd64", extra);
  }

  @Test
  void aWellFormedHandMadePackageIsAccepted() throws Exception {
    Path changes = upload("hello_1.0-1_amd64.deb", hello(""), "./usr/share/doc/hello/x", "x");
    assertThat(o.importBuild(changes, Provenance.of("alice", T0)).created()).isTrue();
  }

  @Test
  void aDebWhoseControlNamesAnotherPackageIsRefused() throws Exception {
    Path changes =
        upload(
            "hello_1.0-1_amd64.deb",
            Uploads.control("openssh-server", "1.0-1", "amd64", "Source: hello\n"),
            "./usr/sbin/sshd",
            "evil");
    refused(
        changes,
        ErrorKind.VERIFICATION_FAILED,
        "hello_1.0-1_amd64.deb",
        "control field Package 'openssh-server' is not in the Binary field");
  }

  @Test
  void versionOtherThanTheChangesIsRefused() throws Exception {
    Path changes =
        upload("hello_1.0-1_amd64.deb", Uploads.control("hello", "9.9-9", "amd64", ""), "./a", "");
    refused(changes, ErrorKind.VERIFICATION_FAILED, "hello_1.0-1_amd64.deb", "field Version");
  }

  @Test
  void sourceOtherThanTheChangesIsRefused() throws Exception {
    Path changes = upload("hello_1.0-1_amd64.deb", hello("Source: bash\n"), "./a", "");
    refused(changes, ErrorKind.VERIFICATION_FAILED, "hello_1.0-1_amd64.deb", "field Source");
    Path other = upload("hello_1.0-1_amd64.deb", hello("Source: hello (0.9-1)\n"), "./a", "");
    refused(other, ErrorKind.VERIFICATION_FAILED, "field Source 'hello (0.9-1)'");
  }

  @Test
  void architectureTheChangesDoesNotListIsRefused() throws Exception {
    Path changes =
        upload("hello_1.0-1_amd64.deb", Uploads.control("hello", "1.0-1", "arm64", ""), "./a", "");
    refused(changes, ErrorKind.VERIFICATION_FAILED, "field Architecture 'arm64'");
  }

  @Test
  void binNmuFollowsDpkgsRules() throws Exception {
    // dpkg-genchanges for a binNMU: Version is the binary version, Source names the source's.
    String control = Uploads.control("hello", "1.0-1+b1", "amd64", "Source: hello (1.0-1)\n");
    Path deb = Uploads.rawDeb(up.resolve("hello_1.0-1+b1_amd64.deb"), control, "./a", "");
    Path changes =
        Uploads.changesFor(
            up, "hello_1.0-1+b1_amd64.changes", "hello", "1.0-1+b1", "amd64", List.of(deb));
    Files.writeString(
        changes, Files.readString(changes).replace("Source: hello\n", "Source: hello (1.0-1)\n"));
    Build b = o.importBuild(changes, Provenance.of("alice", T0)).build();
    assertThat(b.nvr()).isEqualTo("hello_1.0-1+b1");

    Path other = up.resolve("other");
    String wrong = Uploads.control("hello", "1.0-2+b1", "amd64", "Source: hello (1.0-2)\n");
    Path deb2 = Uploads.rawDeb(other.resolve("hello_1.0-2+b1_amd64.deb"), wrong, "./a", "");
    Path changes2 =
        Uploads.changesFor(
            other, "hello_1.0-2+b1_amd64.changes", "hello", "1.0-2+b1", "amd64", List.of(deb2));
    Files.writeString(
        changes2, Files.readString(changes2).replace("Source: hello\n", "Source: hello (1.0-1)\n"));
    assertThatThrownBy(() -> o.importBuild(changes2, Provenance.of("mallory", T0)))
        .hasMessageContaining("field Source 'hello (1.0-2)'");
  }

  @Test
  void twoControlParagraphsAreMalformed() throws Exception {
    Path changes =
        upload(
            "hello_1.0-1_amd64.deb",
            hello("") + "\nPackage: openssh-server\nVersion: 1\n",
            "./a",
            "");
    refused(changes, ErrorKind.INVALID_INPUT, "hello_1.0-1_amd64.deb", "expected one paragraph");
  }

  @Test
  void missingOrInvalidFieldsAreMalformed() throws Exception {
    Path noVersion =
        upload(
            "hello_1.0-1_amd64.deb",
            "Package: hello\nArchitecture: amd64\nMaintainer: x\nDescription: x\n",
            "./a",
            "");
    refused(noVersion, ErrorKind.INVALID_INPUT, "hello_1.0-1_amd64.deb", "control field Version");
    Path badName =
        upload("hello_1.0-1_amd64.deb", Uploads.control("Hello!", "1.0-1", "amd64", ""), "./a", "");
    refused(badName, ErrorKind.INVALID_INPUT, "control field Package 'Hello!'");
    Path badArch =
        upload("hello_1.0-1_amd64.deb", Uploads.control("hello", "1.0-1", "amd 64", ""), "./a", "");
    refused(badArch, ErrorKind.INVALID_INPUT, "control field Architecture");
  }

  @Test
  void truncatedOrNonArchivePackagesAreMalformed() throws Exception {
    Path deb =
        Uploads.rawDeb(up.resolve("hello_1.0-1_amd64.deb"), hello(""), "./a", "x".repeat(5000));
    byte[] all = Files.readAllBytes(deb);
    Files.write(deb, java.util.Arrays.copyOf(all, all.length - 3000));
    Path truncated =
        Uploads.changesFor(
            up, "hello_1.0-1_amd64.changes", "hello", "1.0-1", "amd64", List.of(deb));
    refused(truncated, ErrorKind.INVALID_INPUT, "hello_1.0-1_amd64.deb");

    Files.writeString(deb, "this is not an ar archive\n");
    Path text =
        Uploads.changesFor(
            up, "hello_1.0-1_amd64.changes", "hello", "1.0-1", "amd64", List.of(deb));
    refused(text, ErrorKind.INVALID_INPUT, "hello_1.0-1_amd64.deb", "ar archive");
  }

  @Test
  void dataEntriesOutsideTheTreeAreRefused() throws Exception {
    Path dotdot = upload("hello_1.0-1_amd64.deb", hello(""), "./usr/../../etc/cron.d/x", "evil");
    refused(dotdot, ErrorKind.UNSAFE_INPUT, "hello_1.0-1_amd64.deb", "'..'");
    Path absolute = upload("hello_1.0-1_amd64.deb", hello(""), "/etc/passwd", "evil");
    refused(absolute, ErrorKind.UNSAFE_INPUT, "hello_1.0-1_amd64.deb", "absolute path");
  }

  @Test
  void aListedFileThatIsASymlinkIsRefused() throws Exception {
    Path elsewhere = tmp.resolve("elsewhere/hello_1.0-1_amd64.deb");
    Uploads.rawDeb(elsewhere, hello(""), "./a", "");
    Path changes =
        Uploads.changesFor(
            tmp.resolve("elsewhere"), "x.changes", "hello", "1.0-1", "amd64", List.of(elsewhere));
    Files.createDirectories(up);
    Path link = Files.createSymbolicLink(up.resolve("hello_1.0-1_amd64.deb"), elsewhere);
    Path moved = Files.copy(changes, up.resolve("hello_1.0-1_amd64.changes"));
    assertThat(link).isSymbolicLink();
    refused(moved, ErrorKind.UNSAFE_INPUT, "hello_1.0-1_amd64.deb", "not a regular file");
  }

  @Test
  void valuesTheDatabaseCannotHoldAreRefusedBeforeAnyBlob() throws Exception {
    Path changes = upload("hello_1.0-1_amd64.deb", hello(""), "./a", "");
    String dist = "x".repeat(300);
    Files.writeString(
        changes,
        Files.readString(changes).replace("Distribution: trixie", "Distribution: " + dist));
    refused(changes, ErrorKind.INVALID_INPUT, "hello_1.0-1_amd64.changes", "field Distribution");
  }
}
