package org.debforge.debmock.plugin.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A throw-away root for checks after the build ({@link Buildroot#scratchRoot}): a fresh overlay of
 * the same cached base root the build started from, without the build's dependencies or its own
 * layer. Each command mounts it afresh inside private mount, PID, IPC and UTS namespaces (as every
 * root command of deb-mock), so a killed run leaves no mount; {@link #close} removes its layer.
 */
public interface ScratchRoot extends AutoCloseable {
  /**
   * Where the root is mounted while a {@link #runOnHost} command runs (with {@code /proc}, its own
   * {@code /dev}, a tmpfs {@code /tmp} and, with network, the host's resolv.conf): a host tool
   * given this directory (autopkgtest's {@code -- chroot DIR}) works in the overlay.
   */
  Path mountPoint();

  /**
   * The cached base root under the overlay, read-only: for a tool that copies a root it is given
   * (piuparts {@code --existing-chroot}); never write to it, it is shared by every build.
   */
  Path baseRoot();

  /**
   * A host directory of this scratch root for the tool's own files (piuparts' copy of the root, its
   * temporary files), on the builds' disk and removed with the root.
   */
  Path workDir();

  /**
   * Runs a host tool ({@code argv}, found on the standard {@code PATH}) as root in the private
   * namespaces, with the root mounted at {@link #mountPoint}, a clean environment plus {@code env},
   * its output (stdout and stderr) appended to {@code log}; returns its exit code. Mounts the tool
   * makes die with the namespace.
   */
  int runOnHost(List<String> argv, Map<String, String> env, boolean network, Path log);

  /** Removes the root's own layer; the base root is never written. */
  @Override
  void close();
}
