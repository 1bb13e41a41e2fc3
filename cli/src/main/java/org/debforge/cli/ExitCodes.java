package org.debforge.cli;

import org.debforge.core.ErrorKind;

/**
 * The exit codes every launcher uses: one table, so scripts can rely on them. 1 is reserved for a
 * plain "no" (a false comparison, a failed check), as {@code dpkg --compare-versions} and {@code
 * grep} use it; errors start at 2.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FALSE = 1;
  public static final int USAGE = 2;
  public static final int INVALID_INPUT = 3;
  public static final int VERIFICATION_FAILED = 4;
  public static final int NOT_FOUND = 5;
  public static final int CONFLICT = 6;
  public static final int UNSAFE_INPUT = 7;
  public static final int IO = 8;
  public static final int TOOL_FAILED = 9;
  // deb-mock's failure classes, spaced like Mock's exit codes so scripts can test ranges.
  public static final int BUILD_FAILED = 10;
  public static final int CHROOT_SETUP = 20;
  public static final int DEPENDENCY_RESOLUTION = 30;
  public static final int PLUGIN_FAILED = 40;
  public static final int CONFIG = 50;
  // A server (deb-orchestrator --server) refused the credential, or the role is too small.
  public static final int UNAUTHENTICATED = 60;
  public static final int PERMISSION_DENIED = 61;
  public static final int INTERNAL = 70;

  private ExitCodes() {}

  public static int of(ErrorKind kind) {
    return switch (kind) {
      case INVALID_INPUT -> INVALID_INPUT;
      case VERIFICATION_FAILED -> VERIFICATION_FAILED;
      case NOT_FOUND -> NOT_FOUND;
      case CONFLICT -> CONFLICT;
      case UNSAFE_INPUT -> UNSAFE_INPUT;
      case IO -> IO;
      case TOOL_FAILED -> TOOL_FAILED;
      case CONFIG -> CONFIG;
      case CHROOT_SETUP -> CHROOT_SETUP;
      case DEPENDENCY_RESOLUTION -> DEPENDENCY_RESOLUTION;
      case BUILD_FAILED -> BUILD_FAILED;
      case PLUGIN_FAILED -> PLUGIN_FAILED;
      case UNAUTHENTICATED -> UNAUTHENTICATED;
      case PERMISSION_DENIED -> PERMISSION_DENIED;
      case INTERNAL -> INTERNAL;
    };
  }
}
