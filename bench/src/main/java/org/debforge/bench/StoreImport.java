package org.debforge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.Provenance;

/**
 * Fills a deb-orchestrator store for bench/publish-vs-apt-ftparchive.sh: imports every {@code
 * .changes} below UPLOADS with the real importer (in one JVM: a launcher per build would time JVM
 * starts, not importing), and tags each build into TAG (amd64). Prints the import time.
 *
 * <pre>java -cp ... org.debforge.bench.StoreImport STORE UPLOADS TAG</pre>
 */
public final class StoreImport {
  private StoreImport() {}

  public static void main(String[] args) throws Exception {
    Path store = Path.of(args[0]);
    Path uploads = Path.of(args[1]);
    String tag = args[2];
    List<Path> changes;
    try (Stream<Path> walk = Files.walk(uploads)) {
      changes = walk.filter(p -> p.toString().endsWith(".changes")).sorted().toList();
    }
    long start = System.nanoTime();
    try (Orchestrator o = Orchestrator.open(store, null, null, null)) {
      o.addTag("bench", tag, List.of("amd64"));
      for (Path c : changes) {
        Build b = o.importBuild(c, Provenance.of("bench", Instant.now())).build();
        o.addPackage("bench", tag, b.source(), "bench", false);
        o.tagBuild("bench", tag, b.nvr());
      }
    }
    System.out.printf(
        "imported %d builds in %.2f s%n", changes.size(), (System.nanoTime() - start) / 1e9);
  }
}
