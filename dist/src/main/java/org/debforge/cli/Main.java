package org.debforge.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of every launcher. {@code bin/debforge} runs the whole tree; {@code bin/deb-mock} and
 * the other tool launchers set {@code debforge.tool} so that their subtree is the root command, as
 * if it were its own program.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = run(System.getProperty("debforge.tool"), args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs one command line and returns its exit code; never calls {@code System.exit}, so tests call
   * it in-process.
   *
   * @param tool the subtree to root at ("deb-mock", ...), or null for the umbrella
   */
  public static int run(String tool, String[] args, PrintWriter out, PrintWriter err) {
    CommandLine root = new CommandLine(new DebforgeCommand());
    CommandLine cmd = root;
    if (tool != null && !tool.isEmpty() && !tool.equals("debforge")) {
      CommandLine sub = root.getSubcommands().get(tool);
      if (sub == null) {
        err.println("debforge: unknown tool '" + tool + "'");
        return ExitCodes.USAGE;
      }
      // A fresh tree rooted at the tool, so usage and errors name "deb-mock", not "debforge".
      cmd = new CommandLine(sub.getCommandSpec().userObject().getClass());
    }
    cmd.setOut(out);
    cmd.setErr(err);
    ErrorHandler handler = new ErrorHandler();
    cmd.setExecutionExceptionHandler(handler);
    cmd.setParameterExceptionHandler(handler);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    return cmd.execute(args);
  }
}
