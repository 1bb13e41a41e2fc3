package org.debforge.compose.rootfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.debforge.compose.blueprint.FileSpec;
import org.debforge.compose.blueprint.UserSpec;
import org.debforge.compose.tool.Sandbox;
import org.debforge.compose.tool.ToolLog;
import org.debforge.compose.tool.Tools;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A blueprint's users as a sysusers.d file, applied with {@code systemd-sysusers --root}. Users go
 * through sysusers, not useradd, because an OSTree deployment merges {@code /etc}: a line in {@code
 * /usr/lib/sysusers.d} recreates the user on every boot of every deployment.
 */
final class SysUsers {
  /** Where the entries go in the root. */
  static final String CONF = "/usr/lib/sysusers.d/debforge-compose.conf";

  // systemd's valid_user_group_name() in its strict form, as useradd's default NAME_REGEX.
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,30}");
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._+/-]*");

  private SysUsers() {}

  /** The sysusers.d text: a {@code u} line per user, then an {@code m} line per extra group. */
  static String render(List<UserSpec> users) {
    StringBuilder sb =
        new StringBuilder("# Written by tumbi-assembler from the blueprint's users.\n");
    List<String> members = new ArrayList<>();
    for (UserSpec u : users) {
      String field = "users: " + u.name();
      check(
          NAME.matcher(u.name() == null ? "" : u.name()).matches(),
          field,
          "name",
          u.name(),
          "lower-case letters, digits, _ and -, starting with a letter or _");
      String home = u.home() == null || u.home().isBlank() ? "/" : u.home();
      String shell = u.shell() == null || u.shell().isBlank() ? "/usr/sbin/nologin" : u.shell();
      check(
          PATH.matcher(home).matches() && !home.contains(".."),
          field,
          "home",
          home,
          "an absolute path of letters, digits and . _ + -");
      check(
          PATH.matcher(shell).matches() && !shell.contains(".."),
          field,
          "shell",
          shell,
          "an absolute path such as /bin/bash");
      String gecos = u.gecos() == null ? "" : u.gecos();
      check(
          gecos.chars().noneMatch(c -> c == '"' || c == '\\' || c == ':' || c < 0x20),
          field,
          "gecos",
          gecos,
          "text without quotes, backslashes, colons or control characters");
      String uid = u.uid().map(String::valueOf).orElse("-");
      u.uid()
          .ifPresent(
              n ->
                  check(
                      n > 0 && n < 65535,
                      field,
                      "uid",
                      String.valueOf(n),
                      "a number from 1 to 65534 (0 is root)"));
      // "-" leaves the description unset; an empty quoted one would be written as such.
      String description = gecos.isEmpty() ? "-" : "\"" + gecos + "\"";
      sb.append(String.format("u %s %s %s %s %s\n", u.name(), uid, description, home, shell));
      for (String g : u.groups()) {
        check(NAME.matcher(g).matches(), field, "groups", g, "group names as user names");
        members.add(String.format("m %s %s\n", u.name(), g));
      }
    }
    members.forEach(sb::append);
    return sb.toString();
  }

  /** Writes the entries into the root and applies them there. */
  static void apply(Path root, List<UserSpec> users, ToolLog log, Sandbox sandbox) {
    if (users.isEmpty()) {
      return;
    }
    Path text;
    try {
      text = Files.createTempFile("debforge-sysusers", ".conf");
      Files.writeString(text, render(users), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "cannot write a temp file: " + e, null, e);
    }
    Path written;
    try {
      written = FileInstaller.install(root, new FileSpec(text, CONF, 0644));
    } finally {
      try {
        Files.deleteIfExists(text);
      } catch (IOException ignored) {
        // A temp file left in /tmp is harmless.
      }
    }
    int rc;
    String how;
    if (Tools.onPath("systemd-sysusers")) {
      how = "systemd-sysusers --root";
      // The host's systemd-sysusers reads a named file from the host, not below --root.
      rc =
          log.run(List.of("systemd-sysusers", "--root", root.toString(), written.toString()), null);
    } else if (Files.isRegularFile(root.resolve("usr/bin/systemd-sysusers"))) {
      how = "systemd-sysusers in the root";
      rc = sandbox.run(root, List.of("/usr/bin/systemd-sysusers", CONF), log);
    } else {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "rootfs: users: neither the host nor the root has systemd-sysusers",
          "install systemd on the host (scripts/install-deps) or put systemd in the packages");
    }
    if (rc != 0) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "rootfs: users: " + how + " exited " + rc + "; see " + log.file() + log.tail(),
          "the log holds systemd-sysusers' complaint about " + CONF);
    }
  }

  private static void check(boolean ok, String field, String key, String value, String allowed) {
    if (!ok) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          field + ": " + key + " '" + value + "' is not allowed",
          "allowed: " + allowed);
    }
  }
}
