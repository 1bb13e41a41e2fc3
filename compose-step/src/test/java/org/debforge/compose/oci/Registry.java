package org.debforge.compose.oci;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's docker-registry (the CNCF distribution registry) on a free loopback port, plain HTTP,
 * storing in a temp folder: the real destination of a push.
 */
final class Registry implements AutoCloseable {
  private final Process process;
  final String host;

  private Registry(Process process, String host) {
    this.process = process;
    this.host = host;
  }

  static Registry start(Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // the registry takes no port 0; this one is free a moment ago
    }
    Path config = dir.resolve("registry.yml");
    Files.writeString(
        config,
        "version: 0.1\n"
            + "log:\n  level: warn\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("storage")
            + "\n"
            + "http:\n  addr: 127.0.0.1:"
            + port
            + "\n");
    Process p =
        new ProcessBuilder("docker-registry", "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    Registry r = new Registry(p, "127.0.0.1:" + port);
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        HttpResponse<Void> resp =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + r.host + "/v2/")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (resp.statusCode() == 200) {
          return r;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (!p.isAlive() || System.nanoTime() > deadline) {
        r.close();
        throw new IllegalStateException(
            "docker-registry did not start: " + Files.readString(dir.resolve("registry.log")));
      }
      Thread.sleep(200);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
