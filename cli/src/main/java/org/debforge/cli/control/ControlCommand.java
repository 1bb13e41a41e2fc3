package org.debforge.cli.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code debforge control}: read deb822 files (control, .dsc, .changes, Packages, Release). */
@Command(
    name = "control",
    mixinStandardHelpOptions = true,
    description = "Read deb822 control files: debian/control, .dsc, .changes, Packages, Release.",
    subcommands = {ControlCommand.Show.class, ControlCommand.Get.class, CheckCommand.class})
public final class ControlCommand {

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Parse FILE and print its paragraphs in canonical form, or as JSON.",
        "Clearsigned files are unwrapped without verification (see 'debforge pgp verify')."
      })
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The deb822 file to read.")
    Path file;

    @Option(
        names = "--comments",
        description = "Allow '#' comment lines, as dpkg-source does in debian/control.")
    boolean comments;

    @Mixin JsonOutput json;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<Paragraph> paragraphs =
          Deb822.read(file, comments ? Deb822.Options.CONTROL_FILE : Deb822.Options.STRICT);
      var out = spec.commandLine().getOut();
      if (json.enabled()) {
        List<Map<String, String>> rows = new ArrayList<>(paragraphs.size());
        for (Paragraph p : paragraphs) {
          rows.add(p.toMap());
        }
        JsonOutput.print(out, rows);
      } else {
        out.print(Deb822.write(paragraphs));
        out.flush();
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = {
        "Print the value of FIELD in every paragraph of FILE that has it, one per line.",
        "Exits 1 when no paragraph has the field."
      })
  static final class Get implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Parameters(index = "1", paramLabel = "FIELD", description = "Field name (any case).")
    String field;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      int found = 0;
      var out = spec.commandLine().getOut();
      for (Paragraph p : Deb822.read(file, Deb822.Options.CONTROL_FILE)) {
        String v = p.value(field);
        if (v != null) {
          out.println(v);
          found++;
        }
      }
      out.flush();
      return found > 0 ? ExitCodes.OK : ExitCodes.FALSE;
    }
  }
}
