package org.debforge.cli.version;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.core.FormatException;
import org.debforge.core.version.DebianVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code debforge version compare A OP B}, a drop-in for {@code dpkg --compare-versions}, and a
 * batch mode for many pairs at once.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two versions as 'dpkg --compare-versions A OP B' does: exit 0 if the relation",
      "holds, 1 if not, 3 if a version is invalid. OP is one of lt le eq ne ge gt, lt-nl le-nl",
      "ge-nl gt-nl (an empty version counts as the latest), or << <= = >= >> (and the obsolete",
      "< and >, meaning <= and >=). An empty version or '<unknown>' is the blank version.",
      "",
      "With --batch, read 'A B' pairs from standard input, one per line, and print <, = or >",
      "for each; a malformed line stops the run with exit 3 after the results before it."
    })
final class CompareCommand implements Callable<Integer> {
  @Parameters(arity = "0..3", paramLabel = "A OP B")
  List<String> args = List.of();

  @Option(names = "--batch", description = "Compare 'A B' pairs read from standard input.")
  boolean batch;

  @Spec CommandSpec spec;

  /** Standard input; tests running in-process may replace it. */
  static InputStream stdin = System.in;

  @Override
  public Integer call() {
    if (batch) {
      if (!args.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--batch takes no arguments");
      }
      batch(stdin, spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    if (args.size() != 3) {
      throw new ParameterException(
          spec.commandLine(), "compare takes three arguments: <version> <relation> <version>");
    }
    Relation relation = Relation.of(args.get(1));
    if (relation == null) {
      throw new ParameterException(
          spec.commandLine(),
          "bad relation '" + args.get(1) + "' (expected one of: " + Relation.spellings() + ")");
    }
    PrintWriter err = spec.commandLine().getErr();
    if (relation.obsolete()) {
      err.println(
          "debforge: warning: obsolete relation operator '"
              + relation.spelling
              + "' (it means '"
              + relation.spelling
              + "=')");
    }
    String a = blankIfUnknown(args.get(0));
    String b = blankIfUnknown(args.get(2));
    warn(err, a);
    warn(err, b);
    err.flush();
    int r;
    if (a.isEmpty() || b.isEmpty()) {
      r = compareWithBlank(a, b, relation.emptyIsLatest);
    } else {
      r = DebianVersion.compare(a, b);
    }
    return relation.holds(r) ? ExitCodes.OK : ExitCodes.FALSE;
  }

  /** dpkg's stand-ins for "no version": the empty string and {@code <unknown>}. */
  private static String blankIfUnknown(String v) {
    return v.equals("<unknown>") ? "" : v;
  }

  private static int compareWithBlank(String a, String b, boolean emptyIsLatest) {
    if (a.isEmpty() && b.isEmpty()) {
      return 0;
    }
    if (emptyIsLatest) {
      return a.isEmpty() ? 1 : -1;
    }
    DebianVersion va = a.isEmpty() ? DebianVersion.BLANK : DebianVersion.parseLenient(a);
    DebianVersion vb = b.isEmpty() ? DebianVersion.BLANK : DebianVersion.parseLenient(b);
    return va.compareTo(vb);
  }

  private static void warn(PrintWriter err, String v) {
    if (!v.isEmpty()) {
      String lint = DebianVersion.lint(v);
      if (lint != null) {
        err.println("debforge: warning: version '" + v + "' has bad syntax: " + lint);
      }
    }
  }

  static void batch(InputStream in, PrintWriter out) {
    StringBuilder buf = new StringBuilder(1 << 16);
    int lineNo = 0;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      for (String line; (line = r.readLine()) != null; ) {
        lineNo++;
        int n = line.length();
        int i = skipBlanks(line, 0);
        int aEnd = skipWord(line, i);
        int j = skipBlanks(line, aEnd);
        int bEnd = skipWord(line, j);
        if (i == aEnd || j == bEnd || skipBlanks(line, bEnd) != n) {
          flush(out, buf);
          throw new FormatException(
              "stdin",
              lineNo,
              null,
              "expected two versions 'A B', got '" + line + "'",
              "each line of --batch input is two versions separated by a space");
        }
        int c;
        try {
          c = DebianVersion.compare(line.substring(i, aEnd), line.substring(j, bEnd));
        } catch (FormatException e) {
          flush(out, buf);
          throw new FormatException("stdin", lineNo, null, e.detail(), e.hint().orElse(null));
        }
        buf.append(c < 0 ? '<' : c > 0 ? '>' : '=').append('\n');
        if (buf.length() >= 1 << 15) {
          out.write(buf.toString());
          buf.setLength(0);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    flush(out, buf);
  }

  private static void flush(PrintWriter out, StringBuilder buf) {
    out.write(buf.toString());
    buf.setLength(0);
    out.flush();
  }

  private static int skipBlanks(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static int skipWord(String s, int i) {
    while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
      i++;
    }
    return i;
  }
}
