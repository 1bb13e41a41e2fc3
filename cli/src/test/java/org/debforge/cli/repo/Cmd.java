package org.debforge.cli.repo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.cli.Main;
import org.debforge.cli.testing.Launcher;

/** Test helpers: run debforge in-process, run real tools, and build tiny .debs with dpkg-deb. */
final class Cmd {
  record Result(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private Cmd() {}

  static Result debforge(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run("debforge", args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  static Result run(List<String> cmd) throws IOException, InterruptedException {
    Launcher.Run r = Launcher.exec(cmd, null, java.util.Map.of(), null);
    return new Result(r.exitCode(), r.stdout(), r.stderr());
  }

  /** Builds {@code NAME_VERSION_all.deb} into {@code dir} with dpkg-deb. */
  static Path deb(Path work, Path dir, String name, String version, String depends)
      throws IOException, InterruptedException {
    Path src = work.resolve("src-" + name);
    Files.createDirectories(src.resolve("DEBIAN"));
    Files.createDirectories(src.resolve("usr/share/doc/" + name));
    Files.writeString(src.resolve("usr/share/doc/" + name + "/README"), name + "\n");
    Files.writeString(
        src.resolve("DEBIAN/control"),
        "Package: "
            + name
            + "\nVersion: "
            + version
            + "\nArchitecture: all\nMaintainer: Test <test@example.org>\n"
            + (depends == null ? "" : "Depends: " + depends + "\n")
            + "Description: debforge test package "
            + name
            + "\n");
    Files.createDirectories(dir);
    Path deb = dir.resolve(name + "_" + version + "_all.deb");
    Result r = run(List.of("dpkg-deb", "--root-owner-group", "-b", src.toString(), deb.toString()));
    if (r.exit() != 0) {
      throw new AssertionError(r.all());
    }
    return deb;
  }
}
