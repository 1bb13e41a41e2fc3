package org.debforge.compose.blueprint;

import java.util.List;
import java.util.Optional;

/**
 * A system user (and its group), written as a sysusers.d entry so that it survives an OSTree {@code
 * /etc} merge.
 *
 * @param name the user name
 * @param uid a fixed uid, or empty to let systemd-sysusers pick
 * @param gecos the description
 * @param home the home directory (default {@code /})
 * @param shell the login shell (default {@code /usr/sbin/nologin})
 * @param groups extra groups the user is a member of
 */
public record UserSpec(
    String name,
    Optional<Integer> uid,
    String gecos,
    String home,
    String shell,
    List<String> groups) {
  public UserSpec {
    groups = List.copyOf(groups);
  }
}
