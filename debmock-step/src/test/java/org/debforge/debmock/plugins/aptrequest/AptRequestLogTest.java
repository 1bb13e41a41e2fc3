package org.debforge.debmock.plugins.aptrequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.debforge.debmock.lock.InstalledPackages.Entry;
import org.junit.jupiter.api.Test;

class AptRequestLogTest {
  @Test
  void oneBlockPerOperationWithWhatDpkgChanged() {
    AptRequestLog log = new AptRequestLog();
    log.before(
        List.of(new Entry("libc6", "2.36-9", "amd64"), new Entry("foo", "1.0", "all")),
        Instant.parse("2026-11-24T11:50:02Z"));
    log.after(
        "build-dep",
        List.of("bc", "dc"),
        "0",
        List.of(
            new Entry("libc6", "2.36-9+deb12u1", "amd64"), new Entry("bc", "1.07.1-3+b1", "amd64")),
        Instant.parse("2026-11-24T11:50:09Z"));
    assertThat(log.text())
        .isEqualTo(
            "2026-11-24T11:50:02Z build-dep exit=0 requested: bc, dc\n"
                + "  install bc 1.07.1-3+b1 amd64\n"
                + "  remove foo 1.0 all\n"
                + "  upgrade libc6 2.36-9 -> 2.36-9+deb12u1 amd64\n");
  }
}
