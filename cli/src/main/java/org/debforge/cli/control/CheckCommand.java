package org.debforge.cli.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.BuildInfo;
import org.debforge.core.control.Changelog;
import org.debforge.core.control.Changes;
import org.debforge.core.control.DebianControl;
import org.debforge.core.control.Dsc;
import org.debforge.core.control.ListedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code debforge control check FILE}: validates a .dsc, .changes, .buildinfo, debian/control or
 * debian/changelog with its typed view, chosen by the file name.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Validate FILE by kind, detected from its name: *.dsc, *.changes, *.buildinfo,",
      "control (debian/control), changelog (debian/changelog).",
      "Exits 3 when invalid, 4 when a listed file does not match, 5 when one is missing."
    })
final class CheckCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE")
  Path file;

  @Option(
      names = "--verify-files",
      description = "Also check size and checksums of every listed file next to FILE.")
  boolean verifyFiles;

  @Mixin JsonOutput json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String name = file.getFileName().toString();
    Path dir = file.toAbsolutePath().getParent();
    Map<String, Object> view = new LinkedHashMap<>();
    String summary;
    if (name.endsWith(".dsc")) {
      Dsc d = Dsc.read(file);
      if (verifyFiles) {
        d.verifyFiles(dir);
      }
      view.put("kind", "dsc");
      view.put("format", d.format());
      view.put("source", d.source());
      view.put("binary", d.binary());
      view.put("architecture", d.architecture());
      view.put("version", d.version());
      view.put("maintainer", d.maintainer());
      view.put("uploaders", d.uploaders());
      view.put("standardsVersion", d.standardsVersion().orElse(null));
      for (String f :
          List.of(
              "Build-Depends",
              "Build-Depends-Arch",
              "Build-Depends-Indep",
              "Build-Conflicts",
              "Build-Conflicts-Arch",
              "Build-Conflicts-Indep")) {
        d.relation(f).ifPresent(v -> view.put(camel(f), v));
      }
      view.put("packageList", d.packageList());
      view.put("files", files(d.files()));
      summary = "dsc " + d.source() + " " + d.version() + " (" + d.format() + ")";
      summary += ", " + d.files().size() + " files";
    } else if (name.endsWith(".changes")) {
      Changes c = Changes.read(file);
      if (verifyFiles) {
        c.verifyFiles(dir);
      }
      view.put("kind", "changes");
      view.put("format", c.format());
      view.put("date", c.date());
      view.put("timestamp", c.timestamp());
      view.put("source", c.source());
      c.sourceVersion().ifPresent(v -> view.put("sourceVersion", v));
      view.put("binary", c.binary());
      view.put("architecture", c.architecture());
      view.put("version", c.version());
      view.put("distribution", c.distribution());
      view.put("urgency", c.urgency().orElse(null));
      view.put("maintainer", c.maintainer());
      view.put("changedBy", c.changedBy().orElse(null));
      view.put("description", c.description().orElse(null));
      view.put("closes", c.closes());
      view.put("changes", c.changes());
      view.put("files", files(c.files()));
      summary = "changes " + c.source() + " " + c.version() + ", " + c.files().size() + " files";
    } else if (name.endsWith(".buildinfo")) {
      BuildInfo b = BuildInfo.read(file);
      if (verifyFiles) {
        b.verifyFiles(dir);
      }
      view.put("kind", "buildinfo");
      view.put("format", b.format());
      view.put("source", b.source());
      b.sourceVersion().ifPresent(v -> view.put("sourceVersion", v));
      view.put("binary", b.binary());
      view.put("architecture", b.architecture());
      view.put("version", b.version());
      view.put("buildOrigin", b.buildOrigin().orElse(null));
      view.put("buildArchitecture", b.buildArchitecture().orElse(null));
      view.put("buildDate", b.buildDate().orElse(null));
      view.put("buildPath", b.buildPath().orElse(null));
      view.put("buildTaintedBy", b.buildTaintedBy());
      view.put("installedBuildDepends", b.installedBuildDepends());
      view.put("environment", b.environment());
      view.put("files", files(b.files()));
      summary = "buildinfo " + b.source() + " " + b.version() + ", " + b.files().size() + " files";
    } else if (name.equals("control")) {
      noFileList();
      DebianControl c = DebianControl.read(file);
      view.put("kind", "debian-control");
      view.put("source", c.source());
      view.put("maintainer", c.maintainer());
      c.buildDepends().ifPresent(v -> view.put("buildDepends", v));
      c.buildDependsArch().ifPresent(v -> view.put("buildDependsArch", v));
      c.buildDependsIndep().ifPresent(v -> view.put("buildDependsIndep", v));
      c.rulesRequiresRoot().ifPresent(v -> view.put("rulesRequiresRoot", v));
      List<Map<String, Object>> bins = new ArrayList<>();
      for (DebianControl.Binary b : c.binaries()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("package", b.packageName());
        m.put("architecture", b.architecture());
        m.put("section", b.section().orElse(null));
        m.put("priority", b.priority().orElse(null));
        m.put("depends", b.depends().orElse(null));
        m.put("description", b.description().orElse(null));
        bins.add(m);
      }
      view.put("binaries", bins);
      summary = "debian/control " + c.source() + ", " + bins.size() + " binary packages";
    } else if (name.equals("changelog")) {
      noFileList();
      Changelog c = Changelog.read(file);
      view.put("kind", "debian-changelog");
      view.put("changelog", c);
      summary = "changelog " + c.source() + " " + c.version() + " " + c.distributions();
    } else {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          file + ": cannot tell what kind of control file this is",
          "name it *.dsc, *.changes, *.buildinfo, control or changelog; "
              + "'debforge control show' reads any deb822 file");
    }
    var out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(out, view);
    } else {
      out.println(file + ": ok: " + summary + (verifyFiles ? ", files verified" : ""));
      out.flush();
    }
    return ExitCodes.OK;
  }

  private void noFileList() {
    if (verifyFiles) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          file + ": --verify-files needs a .dsc, .changes or .buildinfo",
          "this file lists no files");
    }
  }

  private static List<Map<String, Object>> files(List<ListedFile> files) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ListedFile f : files) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("size", f.size());
      if (f.section() != null) {
        m.put("section", f.section());
        m.put("priority", f.priority());
      }
      f.digests().forEach((a, d) -> m.put(a.name().toLowerCase(java.util.Locale.ROOT), d));
      out.add(m);
    }
    return out;
  }

  private static String camel(String field) {
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char c : field.toCharArray()) {
      if (c == '-') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : Character.toLowerCase(c));
        up = false;
      }
    }
    return sb.toString();
  }
}
