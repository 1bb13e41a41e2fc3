package org.debforge.compose.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The compose's repository served on the loopback interface for the length of one live-build run.
 * live-build writes its mirrors into the build chroot's apt sources, where a {@code file:} path of
 * the host does not exist; the chroot shares the host's network, so {@code 127.0.0.1} reaches this
 * server from debootstrap and from apt inside the chroot alike. Read-only, GET and HEAD, files
 * under the root only.
 */
public final class RepoServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool;
  private final Path root;

  private RepoServer(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    pool = Executors.newFixedThreadPool(4);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code root} at {@code http://127.0.0.1:PORT/} until closed. */
  public static RepoServer serve(Path root) throws IOException {
    return new RepoServer(root);
  }

  /** The repository's URL, without a trailing slash (as a mirror is written). */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String method = x.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        x.sendResponseHeaders(405, -1);
        return;
      }
      String path = URI.create(x.getRequestURI().getRawPath()).getPath();
      Path file = root.resolve(path.replaceFirst("^/+", "")).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        x.sendResponseHeaders(404, -1);
        return;
      }
      long size = Files.size(file);
      x.getResponseHeaders().set("Content-Type", "application/octet-stream");
      if (method.equals("HEAD")) {
        x.getResponseHeaders().set("Content-Length", Long.toString(size));
        x.sendResponseHeaders(200, -1);
        return;
      }
      x.sendResponseHeaders(200, size == 0 ? -1 : size);
      try (InputStream in = Files.newInputStream(file);
          OutputStream out = x.getResponseBody()) {
        in.transferTo(out);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
