package org.debforge.cli.exit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.debforge.core.ErrorKind;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The exit codes every launcher uses: one table, so scripts can rely on them. 1 is reserved for a
 * plain "no" (a false comparison, a failed check), as {@code dpkg --compare-versions} and {@code
 * grep} use it; errors start at 2.
 *
 * <p>{@link Code} is the table. Help footers, docs/cli.md and the Jenkins library's {@code
 * exit-codes.json} are all checked against it, so none of them can drift.
 */
public final class ExitCodes {
  /** One row: the number scripts test, a stable name, and what it means, as help prints it. */
  public enum Code {
    OK(0, "success"),
    FALSE(1, "false / not found by a query (version compare, control get)"),
    USAGE(
        2,
        "usage error (unknown option or command, missing argument); also a launcher whose"
            + " distribution is not built"),
    INVALID_INPUT(3, "invalid input: a malformed file, field or value"),
    VERIFICATION_FAILED(
        4,
        "verification failed: checksum, size or signature mismatch; deb-mock"
            + " --verify-reproducible: the two builds' .debs differ"),
    NOT_FOUND(5, "not found: a named file, key or record does not exist"),
    CONFLICT(
        6,
        "conflict with existing state; deb-mock: the result directory holds a previous build's"
            + " files (--clean-resultdir)"),
    UNSAFE_INPUT(7, "unsafe input refused: path traversal, device nodes, oversized data"),
    IO(8, "I/O error"),
    TOOL_FAILED(9, "an external tool failed"),
    // deb-mock's failure classes, spaced like Mock's exit codes so scripts can test ranges.
    BUILD_FAILED(10, "the package build failed (see build.log)"),
    // Not an error kind: a build that succeeded, whose QA did not pass (Jenkins' UNSTABLE).
    UNSTABLE(
        11,
        "deb-mock: the packages built, but QA after the build (lintian, piuparts, autopkgtest) did"
            + " not pass: result.json status unstable (see qa/)"),
    CHROOT_SETUP(20, "creating or preparing the build root failed (see root.log)"),
    DEPENDENCY_RESOLUTION(
        30,
        "build dependencies cannot be resolved or installed (see root.log); --hermetic-build: a"
            + " locked .deb is missing from the apt cache or altered"),
    PLUGIN_FAILED(40, "a deb-mock plugin failed, or a required hook has no provider"),
    COMPOSE_FAILED(
        45, "a tumbi-assembler compose phase failed: the compose is DOOMED (see logs/PHASE.log)"),
    CONFIG(50, "configuration error (names the file, the key and what is allowed)"),
    // A server (deb-orchestrator --server) refused the credential, or the role is too small.
    UNAUTHENTICATED(
        60, "not authenticated: a server wants an API token, or the one given is unknown"),
    PERMISSION_DENIED(61, "permission denied: the token's role does not allow the operation"),
    INTERNAL(70, "internal error: a bug in debforge; please report it with --verbose output"),
    // rpm-ostree's: with --unchanged-exit-77 (and upgrade --check) "nothing to do" is told apart.
    UNCHANGED(
        77, "unchanged: apt-ostree --unchanged-exit-77 or upgrade --check found nothing to do");

    private final int code;
    private final String meaning;

    Code(int code, String meaning) {
      this.code = code;
      this.meaning = meaning;
    }

    public int code() {
      return code;
    }

    /** The constant's name in the spelling of command-line words: {@code dependency-resolution}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String meaning() {
      return meaning;
    }
  }

  // Plain ints for callables and tests; their values are the table's, so they cannot differ.
  public static final int OK = Code.OK.code();
  public static final int FALSE = Code.FALSE.code();
  public static final int USAGE = Code.USAGE.code();
  public static final int INVALID_INPUT = Code.INVALID_INPUT.code();
  public static final int VERIFICATION_FAILED = Code.VERIFICATION_FAILED.code();
  public static final int NOT_FOUND = Code.NOT_FOUND.code();
  public static final int CONFLICT = Code.CONFLICT.code();
  public static final int UNSAFE_INPUT = Code.UNSAFE_INPUT.code();
  public static final int IO = Code.IO.code();
  public static final int TOOL_FAILED = Code.TOOL_FAILED.code();
  public static final int BUILD_FAILED = Code.BUILD_FAILED.code();
  public static final int UNSTABLE = Code.UNSTABLE.code();
  public static final int CHROOT_SETUP = Code.CHROOT_SETUP.code();
  public static final int DEPENDENCY_RESOLUTION = Code.DEPENDENCY_RESOLUTION.code();
  public static final int PLUGIN_FAILED = Code.PLUGIN_FAILED.code();
  public static final int COMPOSE_FAILED = Code.COMPOSE_FAILED.code();
  public static final int CONFIG = Code.CONFIG.code();
  public static final int UNAUTHENTICATED = Code.UNAUTHENTICATED.code();
  public static final int PERMISSION_DENIED = Code.PERMISSION_DENIED.code();
  public static final int INTERNAL = Code.INTERNAL.code();
  public static final int UNCHANGED = Code.UNCHANGED.code();

  private ExitCodes() {}

  public static int of(ErrorKind kind) {
    return code(kind).code();
  }

  /** Each engine error kind's row; a new kind does not compile until it is given one. */
  public static Code code(ErrorKind kind) {
    return switch (kind) {
      case INVALID_INPUT -> Code.INVALID_INPUT;
      case VERIFICATION_FAILED -> Code.VERIFICATION_FAILED;
      case NOT_FOUND -> Code.NOT_FOUND;
      case CONFLICT -> Code.CONFLICT;
      case UNSAFE_INPUT -> Code.UNSAFE_INPUT;
      case IO -> Code.IO;
      case TOOL_FAILED -> Code.TOOL_FAILED;
      case CONFIG -> Code.CONFIG;
      case CHROOT_SETUP -> Code.CHROOT_SETUP;
      case DEPENDENCY_RESOLUTION -> Code.DEPENDENCY_RESOLUTION;
      case BUILD_FAILED -> Code.BUILD_FAILED;
      case PLUGIN_FAILED -> Code.PLUGIN_FAILED;
      case COMPOSE_FAILED -> Code.COMPOSE_FAILED;
      case UNAUTHENTICATED -> Code.UNAUTHENTICATED;
      case PERMISSION_DENIED -> Code.PERMISSION_DENIED;
      case INTERNAL -> Code.INTERNAL;
    };
  }

  /**
   * Puts the table in a command's help, after its options and subcommands. Named in the
   * {@code @Command} of the umbrella and of each tool, so the list appears whether the tool is run
   * by its own launcher or as {@code debforge TOOL}.
   */
  public static final class Help implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      Map<String, String> rows = new LinkedHashMap<>();
      for (Code c : Code.values()) {
        rows.put(String.format(Locale.ROOT, "%2d", c.code()), c.meaning());
      }
      spec.usageMessage().exitCodeListHeading("%nExit codes (docs/cli.md):%n").exitCodeList(rows);
      return spec;
    }
  }
}
