package org.debforge.cli.compose;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.resolve.EdspSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The compose resolver as an APT external solver (EDSP): {@code edsp-solver} is what apt runs,
 * {@code install-solver} puts the small script apt looks for into its solvers directory, so that
 * {@code apt-get --solver debforge} (or {@code APT::Solver "debforge"}) uses our resolver.
 */
final class SolverCommands {
  private SolverCommands() {}

  @Command(
      name = "edsp-solver",
      mixinStandardHelpOptions = true,
      description = {
        "Act as an APT external solver: read an EDSP scenario on stdin, write the answer",
        "(Install/Remove stanzas, or an Error stanza with the explanation) on stdout.",
        "apt runs this through the script install-solver writes; run it by hand to replay a",
        "scenario apt dumped (apt-get -o Dir::Log::Solver=FILE ...).",
        "Set DEBFORGE_INSTALL_RECOMMENDS=yes to install Recommends.",
      })
  static final class EdspSolverCommand implements Callable<Integer> {
    @Override
    public Integer call() {
      // EDSP is a byte protocol on the process's own streams, not picocli's writers.
      PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
      return EdspSolver.run(System.in, out, System.getenv("DEBFORGE_INSTALL_RECOMMENDS"));
    }
  }

  @Command(
      name = "install-solver",
      mixinStandardHelpOptions = true,
      description = {
        "Install the resolver as an APT external solver: writes DIR/NAME, a script running",
        "this installation's 'tumbi-assembler edsp-solver'. Then:",
        "  apt-get install -s --solver debforge PKG",
        "compares apt's answer with ours on the same system (apt's own solver is 'internal').",
      })
  static final class InstallSolverCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JsonOutput json;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "apt's solvers directory (Dir::Bin::Solvers; default ${DEFAULT-VALUE})")
    Path dir = Path.of("/usr/lib/apt/solvers");

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "the solver's name for --solver (default ${DEFAULT-VALUE})")
    String name = "debforge";

    @Override
    public Integer call() throws IOException {
      if (!name.matches("[a-z0-9][a-z0-9.+-]*")) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT,
            "--name '" + name + "': not a solver name",
            "use lower-case letters, digits and . + -");
      }
      String bin = System.getProperty("debforge.bin");
      if (bin == null || !Files.isExecutable(Path.of(bin, "tumbi-assembler"))) {
        throw new DebforgeException(
            ErrorKind.NOT_FOUND,
            "cannot tell where this installation's bin/tumbi-assembler is",
            "run install-solver through the bin/tumbi-assembler launcher");
      }
      Path launcher = Path.of(bin, "tumbi-assembler").toAbsolutePath().normalize();
      Files.createDirectories(dir);
      Path script = dir.resolve(name);
      Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
      try {
        Files.writeString(
            tmp,
            "#!/bin/sh\n# written by tumbi-assembler install-solver: debforge's resolver for apt\n"
                + "exec '"
                + launcher.toString().replace("'", "'\\''")
                + "' edsp-solver\n");
        // apt runs solvers as its sandbox user: readable and executable by all.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(
            tmp, script, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      var out = spec.commandLine().getOut();
      if (json.enabled()) {
        JsonOutput.print(out, Map.of("solver", name, "script", script.toString()));
      } else {
        out.println("installed " + script + ": apt-get --solver " + name + " ...");
      }
      return ExitCodes.OK;
    }
  }
}
