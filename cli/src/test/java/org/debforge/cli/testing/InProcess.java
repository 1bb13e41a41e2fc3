package org.debforge.cli.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.debforge.cli.Main;

/**
 * Runs one command line through {@link Main#run} in this JVM (fast, no launcher) and keeps what it
 * printed; {@link Launcher} runs the real {@code bin/} launchers instead.
 */
public final class InProcess {
  private InProcess() {}

  /** The exit code and everything printed on stdout and stderr. */
  public record Result(int code, String out, String err) {}

  /**
   * @param tool the subtree to root at ("deb-mock", "deb-orchestrator"...), or null for debforge
   */
  public static Result run(String tool, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(tool, args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }
}
