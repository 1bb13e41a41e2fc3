package org.debforge.debmock.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.mirror.HostMirror;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --rebuild URL}: the .dsc and its files are downloaded next to each other and verified. */
class DscDownloadTest {
  @TempDir Path dir;
  HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Serves {@code files} (name to bytes) on localhost, port 0; 404 for anything else. */
  String serve(Map<String, byte[]> files) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/pool/",
        x -> {
          String name = x.getRequestURI().getPath().replaceFirst(".*/", "");
          byte[] body = files.get(name);
          x.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            x.getResponseBody().write(body);
          }
          x.close();
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/pool/t/";
  }

  /** A tiny .dsc and its tarball, as DscValidatorTest writes them, read back as bytes. */
  Map<String, byte[]> tiny(String tarballName) throws Exception {
    DscValidatorTest t = new DscValidatorTest();
    t.dir = Files.createDirectory(dir.resolve("src"));
    Path dsc =
        t.dsc(
            "tiny_1.0.tar.gz",
            DscValidatorTest.tarGz("tiny-1.0/debian/control"),
            "tiny_1.0.tar.gz",
            null);
    return Map.of(
        "tiny_1.0.dsc",
        Files.readAllBytes(dsc),
        tarballName,
        Files.readAllBytes(t.dir.resolve("tiny_1.0.tar.gz")));
  }

  @Test
  void downloadsTheDscAndItsFilesAndVerifiesThem() throws Exception {
    String base = serve(tiny("tiny_1.0.tar.gz"));
    Path to = Files.createDirectory(dir.resolve("dl"));
    SourcePackage s = new DscDownload().fetch(base + "tiny_1.0.dsc", to, List.of());
    assertThat(s.name()).isEqualTo("tiny");
    assertThat(s.files()).containsExactly(to.resolve("tiny_1.0.tar.gz").toAbsolutePath());
  }

  @Test
  void aFileMissingOnTheServerIsNotFound() throws Exception {
    String base = serve(tiny("other.tar.gz"));
    Path to = Files.createDirectory(dir.resolve("dl"));
    assertThatThrownBy(() -> new DscDownload().fetch(base + "tiny_1.0.dsc", to, List.of()))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContaining("tiny_1.0.tar.gz: HTTP 404");
  }

  @Test
  void aFileLargerThanListedIsCutOff() throws Exception {
    Map<String, byte[]> files = new java.util.HashMap<>(tiny("tiny_1.0.tar.gz"));
    files.put("tiny_1.0.tar.gz", new byte[1 << 20]);
    String base = serve(files);
    Path to = Files.createDirectory(dir.resolve("dl"));
    assertThatThrownBy(() -> new DscDownload().fetch(base + "tiny_1.0.dsc", to, List.of()))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.VERIFICATION_FAILED))
        .hasMessageContaining("larger than");
  }

  @Test
  void aUrlThatIsNotADscIsRefused() {
    assertThatThrownBy(
            () -> new DscDownload().fetch("https://example.org/etc/passwd", dir, List.of()))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  @Test
  @Tag("network")
  void debiansHelloDscIsDownloadedFromTheMirrorAndVerified() {
    String url = HostMirror.detect() + "/pool/main/h/hello/hello_2.10-3.dsc";
    SourcePackage s = new DscDownload().fetch(url, dir, List.of());
    assertThat(s.name()).isEqualTo("hello");
    assertThat(s.version()).isEqualTo("2.10-3");
    assertThat(s.files())
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(
            "hello_2.10.orig.tar.gz", "hello_2.10.orig.tar.gz.asc", "hello_2.10-3.debian.tar.xz");
    assertThat(dir.resolve("hello_2.10-3.dsc")).isRegularFile();
  }
}
