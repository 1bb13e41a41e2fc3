package org.debforge.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.debforge.cli.exit.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

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
    CommandLine cmd;
    if (tool != null && !tool.isEmpty() && !tool.equals("debforge")) {
      Class<?> sub = subcommand(tool);
      if (sub == null) {
        err.println("debforge: unknown tool '" + tool + "'");
        return ExitCodes.USAGE;
      }
      // The tool's own tree, so usage and errors name "deb-mock", not "debforge".
      cmd = new CommandLine(sub);
    } else {
      cmd = umbrella(args);
    }
    reflow(cmd);
    cmd.setOut(out);
    cmd.setErr(err);
    ErrorHandler handler = new ErrorHandler();
    cmd.setExecutionExceptionHandler(handler);
    cmd.setParameterExceptionHandler(handler);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    return cmd.execute(args);
  }

  /**
   * The umbrella tree with only the requested subcommand built for real; the others are named and
   * described from their annotations alone, enough for help and "did you mean" suggestions.
   */
  private static CommandLine umbrella(String[] args) {
    String wanted = null;
    for (String a : args) {
      if (!a.startsWith("-")) {
        wanted = a;
        break;
      }
    }
    CommandLine root = new CommandLine(new DebforgeCommand());
    for (Class<?> c : DebforgeCommand.SUBCOMMANDS) {
      Command annotation = c.getAnnotation(Command.class);
      String name = annotation.name();
      if (name.equals(wanted)) {
        root.addSubcommand(name, new CommandLine(c));
      } else {
        CommandSpec outline = CommandSpec.create().name(name);
        outline.usageMessage().description(summary(annotation.description()));
        root.addSubcommand(name, outline);
      }
    }
    return root;
  }

  /**
   * Help lists a subcommand by the first line of its description; give it the first paragraph (up
   * to a blank line) so a sentence wrapped over several lines is not cut short.
   */
  private static String summary(String[] description) {
    StringBuilder sb = new StringBuilder();
    for (String line : description) {
      if (line.isBlank()) {
        break;
      }
      sb.append(sb.length() == 0 ? "" : " ").append(line.strip());
    }
    return sb.toString();
  }

  /**
   * Descriptions are written as source lines of about 90 columns; rejoin each paragraph so picocli
   * wraps it to the terminal's width instead of breaking every source line again. Blank lines
   * separate paragraphs and indented lines (examples) stay as written.
   */
  private static void reflow(CommandLine cmd) {
    String[] lines = cmd.getCommandSpec().usageMessage().description();
    List<String> out = new ArrayList<>(lines.length);
    boolean joinable = false;
    for (String line : lines) {
      boolean prose = !line.isBlank() && !Character.isWhitespace(line.charAt(0));
      if (prose && joinable) {
        out.set(out.size() - 1, out.get(out.size() - 1) + " " + line.strip());
      } else {
        out.add(line);
      }
      joinable = prose;
    }
    cmd.getCommandSpec().usageMessage().description(out.toArray(String[]::new));
    cmd.getSubcommands().values().forEach(Main::reflow);
  }

  private static Class<?> subcommand(String name) {
    for (Class<?> c : DebforgeCommand.SUBCOMMANDS) {
      if (c.getAnnotation(Command.class).name().equals(name)) {
        return c;
      }
    }
    return null;
  }
}
