package org.debforge.cli.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.debforge.cli.testing.Launcher;
import org.debforge.cli.testing.Launcher.Run;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildFile;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.client.RemoteOrchestrator;
import org.debforge.orchestrator.testing.Uploads;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real {@code bin/deb-orchestrator serve} while four clients import: after a restart
 * (whose start-up gc collects what the crash left), every import the server acknowledged is there,
 * every visible build has all its files in the pool with their digests, and the pool holds no blob
 * that no build refers to, nor any temporary file or upload.
 */
@Tag("slow")
class DebOrchestratorKillIT {
  @TempDir Path tmp;

  @Test
  void killDuringImportsLeavesWholeBuildsOnlyAndRestartCollectsOrphans() throws Exception {
    Path store = tmp.resolve("store");
    Run created =
        Launcher.run(
            "deb-orchestrator",
            null,
            Map.of("DEB_ORCHESTRATOR_STORE", store.toString()),
            null,
            "token",
            "create",
            "--name",
            "ci",
            "--role",
            "builder");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    String token = created.stdout().strip();

    // Uploads of about 300 kB each, so that blob writes and multipart reads are in flight at the
    // kill.
    List<Path> uploads = new ArrayList<>();
    Random random = new Random(9);
    for (int i = 0; i < 16; i++) {
      byte[] noise = new byte[256 << 10];
      random.nextBytes(noise);
      uploads.add(
          Uploads.changes(
              tmp.resolve("u" + i),
              "pkg" + (i % 5),
              "1." + i + "-1",
              "amd64",
              HexFormat.of().formatHex(noise)));
    }

    int port = freePort();
    Process server = serve(store, port, tmp.resolve("serve-1.err"));
    Set<String> acknowledged = concurrentSet();
    ConcurrentLinkedQueue<Path> queue = new ConcurrentLinkedQueue<>(uploads);
    AtomicInteger done = new AtomicInteger();
    CountDownLatch enough = new CountDownLatch(3);
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      Thread t =
          new Thread(
              () -> {
                RemoteOrchestrator api = new RemoteOrchestrator(url(port), token);
                for (Path u; (u = queue.poll()) != null; ) {
                  try {
                    Build b =
                        api.importBuild(u, new Provenance("x", Instant.now(), null, null, null))
                            .build();
                    acknowledged.add(b.nvr());
                    done.incrementAndGet();
                    enough.countDown();
                  } catch (RuntimeException e) {
                    return; // the server is gone
                  }
                }
              });
      t.start();
      clients.add(t);
    }
    assertThat(enough.await(5, TimeUnit.MINUTES)).as("three imports acknowledged").isTrue();
    // Kill while an upload is being received or imported (its directory exists in tmp/uploads).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!uploadInFlight(store) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    server.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    for (Thread t : clients) {
      t.join(TimeUnit.MINUTES.toMillis(2));
    }
    assertThat(queue).as("the kill came while uploads remained").isNotEmpty();
    String crashLeft =
        listFiles(store.resolve("tmp")).size()
            + " files in tmp/, "
            + listFiles(store.resolve("pool")).size()
            + " blobs in the pool";

    Process restarted = serve(store, port, tmp.resolve("serve-2.err"));
    try {
      RemoteOrchestrator api = new RemoteOrchestrator(url(port), null);
      Set<String> referenced = new HashSet<>();
      Set<String> visible = new HashSet<>();
      for (int i = 0; i < uploads.size(); i++) {
        String nvr = "pkg" + (i % 5) + "_1." + i + "-1";
        Build b;
        try {
          b = api.build(nvr);
        } catch (RuntimeException notImported) {
          assertThat(acknowledged).as("acknowledged import lost: " + nvr).doesNotContain(nvr);
          continue;
        }
        visible.add(nvr);
        assertThat(b.files()).hasSize(2);
        for (BuildFile f : b.files()) {
          Path blob =
              store
                  .resolve("pool")
                  .resolve(f.sha256().substring(0, 2))
                  .resolve(f.sha256().substring(2));
          assertThat(sha256(blob)).as(nvr + " " + f.name()).isEqualTo(f.sha256());
          referenced.add(f.sha256());
        }
      }
      assertThat(visible).containsAll(acknowledged);
      Set<String> inPool = new HashSet<>();
      for (Path p : listFiles(store.resolve("pool"))) {
        inPool.add(p.getParent().getFileName().toString() + p.getFileName());
      }
      assertThat(inPool).as("unreferenced blobs after the start-up gc").isEqualTo(referenced);
      assertThat(listFiles(store.resolve("tmp"))).as("leftovers in tmp/").isEmpty();
      System.err.println(
          "kill -9 after "
              + done.get()
              + " acknowledged imports; visible after restart "
              + visible.size()
              + "; the crash left "
              + crashLeft
              + "; start-up gc: "
              + Files.readString(tmp.resolve("serve-2.err")).strip());
    } finally {
      restarted.destroy();
      restarted.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static Set<String> concurrentSet() {
    return java.util.concurrent.ConcurrentHashMap.newKeySet();
  }

  private static Process serve(Path store, int port, Path err) throws IOException {
    Process p =
        new ProcessBuilder(
                Launcher.root().resolve("bin/deb-orchestrator").toString(),
                "serve",
                "--listen",
                "127.0.0.1:" + port,
                "--store",
                store.toString(),
                "--max-upload",
                "64M")
            .redirectError(err.toFile())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line)
        .as(Files.readString(err))
        .isEqualTo("deb-orchestrator listening on " + url(port));
    return p;
  }

  private static boolean uploadInFlight(Path store) {
    try (Stream<Path> s = Files.list(store.resolve("tmp/uploads"))) {
      return s.findAny().isPresent();
    } catch (IOException | java.io.UncheckedIOException e) {
      return false; // not created yet, or changing under us
    }
  }

  private static URI url(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Regular files under {@code dir}, at any depth. */
  private static List<Path> listFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  private static String sha256(Path p) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }
}
