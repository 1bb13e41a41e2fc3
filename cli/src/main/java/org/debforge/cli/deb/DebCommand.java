package org.debforge.cli.deb;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.control.Field;
import org.debforge.core.control.Paragraph;
import org.debforge.core.deb.DebArchive;
import org.debforge.core.deb.DebExtractor;
import org.debforge.core.deb.DebInfo;
import org.debforge.core.deb.DebReader;
import org.debforge.core.deb.DpkgDebInfo;
import org.debforge.core.deb.TarEntry;
import org.debforge.core.deb.TarListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code debforge deb}: inspect and unpack Debian binary packages, like dpkg-deb. */
@Command(
    name = "deb",
    mixinStandardHelpOptions = true,
    description = "Inspect, unpack and build Debian binary packages (.deb), like dpkg-deb.",
    subcommands = {
      DebCommand.Info.class,
      DebCommand.Contents.class,
      DebCommand.FieldCmd.class,
      DebCommand.Extract.class,
      DebBuildCommand.class
    })
public final class DebCommand {

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "Describe FILE as 'dpkg-deb -I FILE' does: members, sizes, control file.")
  static final class Info implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Mixin JsonOutput json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (!json.enabled()) {
        out.print(DpkgDebInfo.format(DebArchive.info(file)));
        out.flush();
        return ExitCodes.OK;
      }
      DebInfo info = DebArchive.read(file);
      JsonOutput.print(out, DebInfoJson.of(info, true));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "contents",
      mixinStandardHelpOptions = true,
      description = {
        "List FILE's data.tar as 'dpkg-deb -c FILE' (tar -tv) does, times in the local zone (TZ)."
      })
  static final class Contents implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Mixin JsonOutput json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (DebReader reader = DebReader.open(file)) {
        if (json.enabled()) {
          JsonOutput.print(out, reader.listData());
        } else {
          TarListing listing = new TarListing(ZoneId.systemDefault(), utf8Locale());
          reader.readData((TarEntry e, java.io.InputStream content) -> out.print(listing.line(e)));
          out.flush();
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "field",
      mixinStandardHelpOptions = true,
      description = {
        "Print control fields as 'dpkg-deb -f FILE [FIELD...]' does: the whole control file,",
        "one field's value, or several fields with their names."
      })
  static final class FieldCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Parameters(index = "1..*", paramLabel = "FIELD", description = "Field names (any case).")
    List<String> fields = List.of();

    @Mixin JsonOutput json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      DebInfo info = DebArchive.info(file);
      Paragraph control = info.control();
      if (json.enabled()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (Field f : control) {
          if (fields.isEmpty() || fields.stream().anyMatch(n -> n.equalsIgnoreCase(f.name()))) {
            row.put(f.name(), f.value());
          }
        }
        JsonOutput.print(out, row);
        return ExitCodes.OK;
      }
      if (fields.isEmpty()) {
        out.print(info.controlText());
      } else if (fields.size() == 1) {
        String v = control.value(fields.get(0));
        out.print((v == null ? "" : v) + "\n");
      } else {
        for (String name : fields) {
          control.field(name).ifPresent(f -> out.print(f.name() + ": " + f.value() + "\n"));
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "extract",
      mixinStandardHelpOptions = true,
      description = {
        "Unpack FILE's data.tar into DIR, like 'dpkg-deb -x'. Paths leaving DIR, symlink",
        "tricks, device nodes and FIFOs are refused; DIR is only created or filled on success."
      })
  static final class Extract implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Parameters(index = "1", paramLabel = "DIR")
    Path dir;

    @Option(names = "--allow-special", description = "Create device nodes and FIFOs too.")
    boolean allowSpecial;

    @Mixin JsonOutput json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      DebExtractor.Result r =
          DebExtractor.extract(file, dir, new DebExtractor.Options(allowSpecial));
      if (json.enabled()) {
        JsonOutput.print(spec.commandLine().getOut(), r);
      }
      return ExitCodes.OK;
    }
  }

  static boolean utf8Locale() {
    for (String var : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String v = System.getenv(var);
      if (v != null && !v.isEmpty()) {
        return v.toUpperCase(java.util.Locale.ROOT).replace("-", "").contains("UTF8");
      }
    }
    return false;
  }
}
