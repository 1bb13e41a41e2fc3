package org.debforge.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run bin/debforge makes once to write its class-data archive (AppCDS): the commands
 * most runs share (the command tree, the embedded database and its migrations, JSON, publishing a
 * tag) on a throw-away store, so that the archive holds their classes. Before it, the archive was
 * written by whatever command ran first, often one that never opened a database, and every
 * deb-orchestrator command then loaded about 2,000 classes from the jars.
 *
 * <pre>java -XX:ArchiveClassesAtExit=FILE -cp ... org.debforge.cli.ClassDataTraining</pre>
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  public static void main(String[] args) throws IOException {
    // Never against a real server or database (bin/debforge clears these): only the temp store.
    for (String v : new String[] {"DEB_ORCHESTRATOR_SERVER", "DEB_ORCHESTRATOR_DB_URL"}) {
      if (System.getenv(v) != null) {
        throw new IllegalStateException(v + " is set; the training run uses a temp store only");
      }
    }
    Path store = Files.createTempDirectory("debforge-cds-");
    try {
      String s = "--store=" + store;
      orchestrator("add-tag", s, "--user=cds", "--arches=amd64", "cds");
      orchestrator("list-tags", s);
      orchestrator("list-tags", s, "--json");
      orchestrator("list-tagged", s, "cds", "--json");
      orchestrator("publish", s, "--user=cds", "cds", "--json");
      orchestrator("publish", s, "--user=cds", "cds");
    } finally {
      try (Stream<Path> walk = Files.walk(store)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void orchestrator(String... args) {
    StringWriter sink = new StringWriter();
    PrintWriter w = new PrintWriter(sink);
    Main.run("deb-orchestrator", args, w, w);
  }
}
