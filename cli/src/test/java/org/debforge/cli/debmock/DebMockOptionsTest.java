package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.core.pgp.KeyGenerator;
import org.debforge.core.pgp.Signer;
import org.debforge.core.pgp.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deb-mock's command line without a build root: options after {@code build}, the help text, and the
 * .dsc signature check that refuses a source before any root is made.
 */
class DebMockOptionsTest {
  @TempDir Path dir;

  @Test
  void sharedOptionsWorkAfterTheBuildSubcommand() throws Exception {
    Path dsc = TinySource.make(dir, "dmopts", "true", null);
    Path tree = dsc.resolveSibling("dmopts-1.0");
    var r =
        PluginCommandsTest.run(
            "build",
            tree.toString(),
            "-r",
            "no-such-config",
            "--resultdir",
            dir.resolve("out").toString(),
            "--json");
    // -r given after 'build' reached the engine: the config is looked up (and not found),
    // rather than picocli refusing the option (exit 2).
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("no-such-config");
  }

  @Test
  void helpLinesFitEightyColumns() {
    var r = PluginCommandsTest.run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out().replaceAll("\\s+", " "))
        .contains("Each build runs in its own overlay root over a cached");
    assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
  }

  @Test
  void dscSignedByAnUnknownKeyExits4BeforeAnyRoot() throws Exception {
    SigningKey trusted = KeyGenerator.generate("Trusted <t@example.org>", null);
    SigningKey stranger = KeyGenerator.generate("Stranger <s@example.org>", null);
    Path keyring = Files.write(dir.resolve("uploaders.gpg"), trusted.encodePublic(false));
    Path dsc = TinySource.make(dir, "dmsigned", "true", null);
    Files.writeString(dsc, Signer.clearsign(Files.readString(dsc), stranger));
    Path out = dir.resolve("out");
    var r =
        PluginCommandsTest.run(
            "-q",
            "-r",
            "bookworm-amd64",
            "--config-opts",
            "dsc_keyring=" + keyring,
            "--resultdir",
            out.toString(),
            "--rebuild",
            dsc.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(r.err()).contains("NO_PUBKEY");
    JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
    assertThat(result.get("error_kind").asText()).isEqualTo("VERIFICATION_FAILED");
    // Only the validation ran: no root was made, nothing was installed.
    assertThat(result.get("phases").findValuesAsText("name")).containsExactly("validate source");
    assertThat(result.get("chroot").get("kept_root").isNull()).isTrue();
  }

  @Test
  void archSwitchesMapToDpkgBuildpackageBuildTypesAsSbuildDoes() {
    assertThat(buildType()).isEqualTo("-b");
    assertThat(buildType("--arch-all", "--arch-any")).isEqualTo("-b");
    assertThat(buildType("--no-arch-all")).isEqualTo("-B");
    assertThat(buildType("--no-arch-any")).isEqualTo("-A");
    assertThat(buildType("--no-arch-any", "--arch-all")).isEqualTo("-A");
    assertThat(buildType("--build-type", "-S")).isEqualTo("-S");
    // sbuild --source: the same selections with the source package (a sourceful .changes).
    assertThat(buildType("--source")).isEqualTo("-F");
    assertThat(buildType("--source", "--no-arch-all")).isEqualTo("-G");
    assertThat(buildType("--source", "--no-arch-any")).isEqualTo("-g");
  }

  @Test
  void sourceWithABuildTypeExits50() {
    var r = PluginCommandsTest.run("--source", "--build-type", "-b", "--init");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("--build-type -b with --source");
  }

  @Test
  void contradictoryArchSwitchesExit50NamingThem() {
    var none = PluginCommandsTest.run("--no-arch-any", "--no-arch-all", "--init");
    assertThat(none.code()).as(none.err()).isEqualTo(ExitCodes.CONFIG);
    assertThat(none.err()).contains("nothing to build");
    var both = PluginCommandsTest.run("--build-type", "-B", "--no-arch-all", "--init");
    assertThat(both.code()).as(both.err()).isEqualTo(ExitCodes.CONFIG);
    assertThat(both.err()).contains("--build-type -B with --[no-]arch-any");
  }

  @Test
  void hostArchThatIsNoArchitectureNameExits50() {
    var r = PluginCommandsTest.run("--host-arch", "arm64;rm", "--init");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("--host-arch arm64;rm: not a Debian architecture name");
  }

  @Test
  void noArchAllOnAnAllOnlySourceExits50BeforeAnyRoot() throws Exception {
    // A matrix cell with --no-arch-all given an Architecture: all source: refused up front,
    // never a "build failed" after minutes of installing.
    Path dsc = TinySource.make(dir, "dmallonly", "true", null);
    Path out = dir.resolve("out");
    var r =
        PluginCommandsTest.run(
            "-q",
            "-r",
            "bookworm-amd64",
            "--resultdir",
            out.toString(),
            "--no-arch-all",
            "--rebuild",
            dsc.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err())
        .contains("dmallonly 1.0 (Architecture: all): --no-arch-all (dpkg-buildpackage -B)");
    JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
    assertThat(result.get("phases").findValuesAsText("name")).containsExactly("validate source");
    assertThat(result.get("build").get("type").asText()).isEqualTo("-B");
  }

  private static String buildType(String... args) {
    DebMockCommand c = new DebMockCommand();
    new picocli.CommandLine(c).parseArgs(args);
    return c.dpkgBuildType();
  }
}
