package org.debforge.debmock.chroot;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to run inside a build root.
 *
 * @param asBuildUser run as the unprivileged build user instead of root
 * @param cwd the working directory inside the root
 * @param environment the complete environment (nothing of deb-mock's own leaks in)
 * @param network whether the command may reach the network
 */
public record RootCommand(
    List<String> argv,
    boolean asBuildUser,
    String cwd,
    Map<String, String> environment,
    boolean network) {
  public RootCommand {
    argv = List.copyOf(argv);
    Objects.requireNonNull(cwd, "cwd");
    environment = Map.copyOf(environment);
  }

  /** A root command with network, in {@code /}, with the default environment. */
  public static RootCommand asRoot(List<String> argv) {
    return new RootCommand(argv, false, "/", Map.of(), true);
  }
}
