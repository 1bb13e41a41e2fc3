package org.debforge.orchestrator.publish;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The host's apt with a private configuration ({@code APT_CONFIG}): its own lists, cache, status
 * and sources, {@code signed-by=} a test key, reading a repository through {@code file:}. Needs no
 * root and leaves the host's apt alone; each {@link #update} starts from empty lists, as a new
 * client.
 */
final class HostApt {
  record Run(int code, String output) {
    boolean clean() {
      return code == 0 && !output.lines().anyMatch(l -> l.startsWith("W:") || l.startsWith("E:"));
    }
  }

  private final Path dir;

  /** A configuration in {@code dir} for {@code deb [signed-by=KEYRING] file:REPO SUITE COMPS}. */
  HostApt(Path dir, Path keyring, Path repo, String suite, String components) throws IOException {
    this(dir, keyring, "file:" + repo.toAbsolutePath(), suite, components);
  }

  /** A configuration for {@code deb [signed-by=KEYRING] URI SUITE COMPS}, e.g. over http. */
  HostApt(Path dir, Path keyring, String uri, String suite, String components) throws IOException {
    this.dir = Files.createDirectories(dir);
    for (String d : List.of("etc/apt.conf.d", "etc/preferences.d", "etc/trusted.gpg.d", "cache")) {
      Files.createDirectories(dir.resolve(d));
    }
    Files.writeString(dir.resolve("status"), "");
    Files.writeString(
        dir.resolve("etc/sources.list"),
        "deb [signed-by="
            + keyring.toAbsolutePath()
            + "] "
            + uri
            + " "
            + suite
            + " "
            + components
            + "\n");
    String conf =
        String.join(
            "\n",
            "Dir::State \"" + dir.resolve("state") + "\";",
            "Dir::State::status \"" + dir.resolve("status") + "\";",
            "Dir::Cache \"" + dir.resolve("cache") + "\";",
            "Dir::Etc \"" + dir.resolve("etc") + "\";",
            "Dir::Etc::main \"/dev/null\";",
            "Dir::Etc::sourcelist \"sources.list\";",
            "Dir::Etc::sourceparts \"sources.list.d\";",
            "Dir::Etc::parts \"apt.conf.d\";",
            "Dir::Etc::preferencesparts \"preferences.d\";",
            "Dir::Etc::trustedparts \"trusted.gpg.d\";",
            "Dir::Log \"" + dir.resolve("log") + "\";",
            "APT::Sandbox::User \"root\";",
            "APT::Architecture \"amd64\";",
            "Acquire::Languages \"none\";",
            "Acquire::Retries \"0\";",
            "Debug::NoLocking \"true\";",
            "");
    Files.writeString(dir.resolve("apt.conf"), conf);
  }

  /** {@code apt-get update} from empty lists; by hash as the Release asks, or never. */
  Run update(boolean byHash) throws IOException, InterruptedException {
    deleteTree(dir.resolve("state"));
    Files.createDirectories(dir.resolve("state/lists/partial"));
    List<String> cmd = new ArrayList<>(List.of("apt-get", "-q"));
    if (!byHash) {
      cmd.addAll(List.of("-o", "Acquire::By-Hash=no"));
    }
    cmd.add("update");
    return run(cmd);
  }

  /** {@code apt-cache show PKG} against the lists of the last update. */
  Run show(String pkg) throws IOException, InterruptedException {
    return run(List.of("apt-cache", "show", pkg));
  }

  private Run run(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("APT_CONFIG", dir.resolve("apt.conf").toString());
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/apt-get"));
  }

  private static void deleteTree(Path d) throws IOException {
    if (!Files.exists(d)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(d)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
