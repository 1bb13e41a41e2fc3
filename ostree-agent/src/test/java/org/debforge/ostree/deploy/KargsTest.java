package org.debforge.ostree.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KargsTest {
  static final List<String> NOW = List.of("root=LABEL=root", "console=tty0", "console=ttyS0");

  static Kargs of(
      List<String> a, List<String> am, List<String> d, List<String> dp, List<String> r) {
    return new Kargs(a, am, d, dp, r);
  }

  @Test
  void appendAndTheIfForms() {
    assertThat(of(List.of("quiet"), List.of(), List.of(), List.of(), List.of()).apply(NOW))
        .containsExactly("root=LABEL=root", "console=tty0", "console=ttyS0", "quiet");
    assertThat(
            of(List.of(), List.of("console=tty0", "rw"), List.of(), List.of(), List.of())
                .apply(NOW))
        .containsExactly("root=LABEL=root", "console=tty0", "console=ttyS0", "rw");
    assertThat(
            of(List.of(), List.of(), List.of(), List.of("quiet", "console=tty0"), List.of())
                .apply(NOW))
        .containsExactly("root=LABEL=root", "console=ttyS0");
  }

  @Test
  void deleteAndReplaceNeedTheArgument() {
    assertThat(of(List.of(), List.of(), List.of("console=tty0"), List.of(), List.of()).apply(NOW))
        .containsExactly("root=LABEL=root", "console=ttyS0");
    assertThatThrownBy(
            () -> of(List.of(), List.of(), List.of("quiet"), List.of(), List.of()).apply(NOW))
        .hasMessageContaining("'quiet' is not in the deployment's arguments");
    assertThat(of(List.of(), List.of(), List.of(), List.of(), List.of("root=/dev/vda2")).apply(NOW))
        .containsExactly("root=/dev/vda2", "console=tty0", "console=ttyS0");
    assertThat(
            of(List.of(), List.of(), List.of(), List.of(), List.of("console=ttyS0=ttyS1"))
                .apply(NOW))
        .containsExactly("root=LABEL=root", "console=tty0", "console=ttyS1");
    assertThatThrownBy(
            () ->
                of(List.of(), List.of(), List.of(), List.of(), List.of("console=ttyS1")).apply(NOW))
        .hasMessageContaining("console is given 2 times");
  }

  @Test
  void spacesAndOstreesOwnArgumentAreRefused() {
    assertThatThrownBy(() -> of(List.of("a b"), List.of(), List.of(), List.of(), List.of()))
        .hasMessageContaining("has spaces");
    assertThatThrownBy(() -> of(List.of("ostree=/x"), List.of(), List.of(), List.of(), List.of()))
        .hasMessageContaining("ostree=");
  }
}
