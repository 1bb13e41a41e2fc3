package org.debforge.debmock.plugins.piuparts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.debforge.debmock.plugins.qa.Golden;
import org.debforge.debmock.plugins.qa.JunitCase;
import org.debforge.debmock.plugins.qa.JunitCase.Result;
import org.debforge.debmock.plugins.qa.JunitXml;
import org.junit.jupiter.api.Test;

/** piuparts' verdicts as its log states them (piuparts.py 1.1.7's messages). */
class PiupartsLogTest {
  static final String CLS = "debmock.qa.piuparts.hello.amd64";
  static final String HEAD =
      "0m0.0s INFO: ------------------------------------------------------------------------------\n"
          + "0m0.0s INFO: piuparts version 1.1.7 starting up.\n"
          + "0m0.3s DEBUG: Starting command: ['cp', '-ax', '/var/cache/deb-mock/x/root/bin', '/t/b']\n";

  private static List<JunitCase> cases(String log, int rc) {
    return PiupartsLog.cases(CLS, log, rc);
  }

  @Test
  void passWithUpgrade() throws Exception {
    List<JunitCase> c =
        cases(
            HEAD
                + "0m40.1s INFO: PASS: Installation and purging test.\n"
                + "0m70.2s INFO: PASS: Installation, upgrade and purging tests.\n"
                + "0m71.0s INFO: PASS: All tests.\n0m71.0s INFO: piuparts run ends.\n",
            0);
    assertThat(c)
        .extracting(JunitCase::name)
        .containsExactly("install-purge", "install-upgrade-purge");
    assertThat(c).extracting(JunitCase::result).containsExactly(Result.PASSED, Result.PASSED);
    Golden.assertMatches(
        JunitXml.render("debmock.qa.piuparts", c), "piuparts/junit-pass.golden.xml");
  }

  @Test
  void upgradeSkippedWhenAptDoesNotKnowThePackage() {
    List<JunitCase> c =
        cases(
            HEAD
                + "0m40.1s INFO: PASS: Installation and purging test.\n"
                + "0m41.0s INFO: Can't test upgrade: packages not known by apt-get.\n"
                + "0m41.0s INFO: PASS: All tests.\n0m41.0s INFO: piuparts run ends.\n",
            0);
    assertThat(c).extracting(JunitCase::result).containsExactly(Result.PASSED, Result.SKIPPED);
    assertThat(c.get(1).message()).isEqualTo("Can't test upgrade: packages not known by apt-get.");
  }

  @Test
  void leftoverFilesFailInstallPurge() throws Exception {
    List<JunitCase> c =
        cases(
            HEAD
                + "0m40.1s ERROR: FAIL: Package purging left files on system:\n"
                + "  /etc/dmq/leftover <&> owned by: dmq\n"
                + "0m40.1s ERROR: FAIL: Installation and purging test.\n"
                + "0m40.2s ERROR: piuparts run ends.\n",
            1);
    assertThat(c).extracting(JunitCase::result).containsExactly(Result.FAILED, Result.SKIPPED);
    assertThat(c.get(0).message()).isEqualTo("FAIL: Package purging left files on system:");
    assertThat(c.get(0).detail()).contains("/etc/dmq/leftover <&>");
    Golden.assertMatches(
        JunitXml.render("debmock.qa.piuparts", c), "piuparts/junit-fail.golden.xml");
  }

  @Test
  void failedInstallCommandFailsInstallPurge() {
    List<JunitCase> c =
        cases(
            HEAD
                + "0m30.0s ERROR: Command failed (status=1): ['chroot', '/t', 'dpkg', '-i', 'x.deb']\n"
                + "0m30.1s ERROR: piuparts run ends.\n",
            1);
    assertThat(c.get(0).result()).isEqualTo(Result.FAILED);
    assertThat(c.get(0).message()).startsWith("Command failed (status=1)");
  }

  @Test
  void upgradeFailure() {
    List<JunitCase> c =
        cases(
            HEAD
                + "0m40.1s INFO: PASS: Installation and purging test.\n"
                + "0m60.0s ERROR: FAIL: Installation, upgrade and purging tests.\n"
                + "0m60.1s ERROR: piuparts run ends.\n",
            1);
    assertThat(c).extracting(JunitCase::result).containsExactly(Result.PASSED, Result.FAILED);
  }

  @Test
  void aptUpdateOfItsChrootFailingIsAnErrorNotThePackages() {
    List<JunitCase> c =
        cases(
            HEAD
                + "0m5.0s ERROR: Command failed (status=100): ['chroot', '/t', 'apt-get', 'update']\n"
                + "0m5.0s ERROR: piuparts run ends.\n",
            1);
    assertThat(c).singleElement().extracting(JunitCase::result).isEqualTo(Result.ERROR);
  }

  @Test
  void crashOrNoVerdictIsAnError() {
    assertThat(
            cases(
                HEAD
                    + "Piuparts caught exception, exiting...\nTraceback\n0m1s ERROR: piuparts run ends.\n",
                1))
        .singleElement()
        .extracting(JunitCase::message)
        .isEqualTo("piuparts crashed (caught exception)");
    assertThat(cases(HEAD, 137))
        .singleElement()
        .extracting(JunitCase::message)
        .isEqualTo("piuparts ended without a verdict (exit 137)");
  }
}
