package org.debforge.compose.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.debforge.compose.blueprint.UserSpec;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SysUsersTest {
  @Test
  void rendersTheGoldenFile() throws Exception {
    String text =
        SysUsers.render(
            List.of(
                new UserSpec(
                    "builder",
                    Optional.of(990),
                    "Compose builder",
                    "/var/lib/builder",
                    "/bin/bash",
                    List.of("adm", "sudo")),
                new UserSpec("svc", Optional.empty(), "", null, null, List.of())));
    try (InputStream in = getClass().getResourceAsStream("sysusers.conf.golden")) {
      assertThat(text).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Builder|Compose|/home/b|/bin/sh|adm|name",
        "bu ilder|Compose|/home/b|/bin/sh|adm|name",
        "builder|say \"hi\"|/home/b|/bin/sh|adm|gecos",
        "builder|a:b|/home/b|/bin/sh|adm|gecos",
        "builder|Compose|home/b|/bin/sh|adm|home",
        "builder|Compose|/home/../etc|/bin/sh|adm|home",
        "builder|Compose|/home/b|/bin/sh -c x|adm|shell",
        "builder|Compose|/home/b|/bin/sh|Adm Group|groups",
      })
  void refusesWhatSysusersWouldMisread(
      String name, String gecos, String home, String shell, String group, String key) {
    UserSpec u = new UserSpec(name, Optional.empty(), gecos, home, shell, List.of(group));
    assertThatThrownBy(() -> SysUsers.render(List.of(u)))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
              assertThat(e.getMessage()).contains("users: " + name, key);
              assertThat(e.hint()).isPresent();
            });
  }

  @Test
  void refusesUidZero() {
    UserSpec u = new UserSpec("toor", Optional.of(0), "", "/", "/bin/sh", List.of());
    assertThatThrownBy(() -> SysUsers.render(List.of(u)))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.getMessage()).contains("uid '0'"));
  }
}
