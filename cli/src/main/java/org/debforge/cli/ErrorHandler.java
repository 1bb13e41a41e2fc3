package org.debforge.cli;

import java.io.PrintWriter;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.core.DebforgeException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place engine errors become terminal output and exit codes: the message, then a hint, and
 * a stack trace only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    String prog = cmd.getCommandSpec().root().name();
    boolean verbose = parsed.hasMatchedOption("--verbose") || isVerbose(parsed);
    if (ex instanceof DebforgeException de) {
      err.println(prog + ": " + de.getMessage());
      de.hint().ifPresent(h -> err.println("hint: " + h));
      if (verbose) {
        ex.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.of(de.kind());
    }
    if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
      err.println(prog + ": I/O error: " + ex.getMessage());
      if (verbose) {
        ex.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.IO;
    }
    err.println(prog + ": internal error: " + ex);
    err.println("hint: this is a bug in debforge; rerun with --verbose and report the stack trace");
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.INTERNAL;
  }

  private static boolean isVerbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
      err.println("hint: run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage");
    }
    err.flush();
    return ExitCodes.USAGE;
  }
}
