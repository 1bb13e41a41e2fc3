package org.debforge.debmock.plugins.apparmor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AppArmor: the reason it is unavailable, from the kernel's own flag, and the generated profile
 * accepted by the real apparmor_parser (parsed and compiled, not loaded: -Q).
 */
class AppArmorTest {
  @TempDir Path dir;

  @Test
  void noKernelSupportIsAClearError() {
    AppArmor a = new AppArmor(dir.resolve("missing"), List.of(Path.of("/usr/sbin")));
    assertThat(a.unavailableReason()).contains("the kernel has no AppArmor");
    assertThatThrownBy(a::requireAvailable)
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("apparmor: cannot confine the build")
        .hasMessageContaining("kernel has no AppArmor");
  }

  @Test
  void disabledFlagAndMissingToolsAreNamed() throws Exception {
    Path flag = Files.writeString(dir.resolve("enabled"), "N\n");
    assertThat(new AppArmor(flag, List.of()).unavailableReason()).contains("is N, not Y");
    Files.writeString(flag, "Y\n");
    assertThat(new AppArmor(flag, List.of(dir)).unavailableReason())
        .contains("apparmor_parser is not installed");
  }

  @Test
  void thisHostGivesAnAnswer() {
    // Whatever this machine has: either a reason, or none when AppArmor can confine.
    String why = AppArmor.host().unavailableReason();
    if (!Files.exists(Path.of("/sys/module/apparmor/parameters/enabled"))) {
      assertThat(why).contains("/sys/module/apparmor/parameters/enabled does not exist");
    }
  }

  @Test
  void generatedProfileCompilesWithApparmorParser() throws Exception {
    Path parser = Path.of("/usr/sbin/apparmor_parser");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(parser), "apparmor installed");
    Path profile =
        Files.writeString(
            dir.resolve("p"),
            AppArmor.profile(
                new AppArmorPlugin.Options("deb-mock-test", List.of("deny /srv/** rw,"))));
    Process p =
        new ProcessBuilder(parser.toString(), "-Q", "-K", profile.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void extraRulesMustBeSingleRules() {
    assertThatThrownBy(() -> new AppArmorPlugin.Options("x", List.of("} profile evil {")))
        .hasMessageContaining("extra_rules");
  }
}
