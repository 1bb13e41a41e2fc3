package org.debforge.orchestrator.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.build.ImportResult;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.json.JsonViews;

/**
 * The client of resumable uploads ({@code /api/v1/uploads}): declares the files with their sizes
 * and sha256s, sends each in chunks, and after a broken connection or a busy answer asks the server
 * where the file stands and goes on from there; then commits.
 */
final class ResumableClient {
  /** Tries per file before giving up; each resumes from the server's offset. */
  static final int ATTEMPTS = 6;

  private final ApiConnection api;
  private final long chunkSize;

  ResumableClient(RemoteOrchestrator remote, long chunkSize) {
    if (chunkSize <= 0) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT, "chunk size " + chunkSize + " is not positive", "e.g. 8M");
    }
    this.api = remote.api;
    this.chunkSize = chunkSize;
  }

  /** Declares an upload of these files and answers its id. */
  String declare(List<Path> files, Provenance provenance) {
    List<Map<String, Object>> declared = new ArrayList<>();
    for (Path f : files) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.getFileName().toString());
      m.put("size", size(f));
      m.put("sha256", sha256(f));
      declared.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("files", declared);
    if (provenance.jenkinsUrl() != null) {
      body.put("jenkins_url", provenance.jenkinsUrl());
    }
    if (provenance.jenkinsJob() != null) {
      body.put("jenkins_job", provenance.jenkinsJob());
    }
    if (provenance.jenkinsNumber() != null) {
      body.put("jenkins_number", String.valueOf(provenance.jenkinsNumber()));
    }
    return api.post("/uploads", body).path("id").asText();
  }

  /** Sends whatever the server lacks of {@code files} for upload {@code id}, then commits. */
  ImportResult finish(String id, List<Path> files) {
    for (Path f : files) {
      send(id, f);
    }
    return JsonViews.toImportResult(
        api.send(api.request("/uploads/" + id + "/commit").POST(BodyPublishers.noBody())));
  }

  private void send(String id, Path file) {
    String name = file.getFileName().toString();
    long size = size(file);
    DebforgeException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        long offset = received(id, name);
        while (offset < size) {
          long end = Math.min(offset + chunkSize, size) - 1;
          JsonNode status = putChunk(id, file, name, offset, end, size);
          offset = receivedIn(status, name);
        }
        return;
      } catch (DebforgeException e) {
        // A broken connection (IO) or a request still being read (CONFLICT "busy", or an
        // offset that moved): ask again where the file stands. Anything else is final.
        if (e.kind() != ErrorKind.IO && e.kind() != ErrorKind.CONFLICT) {
          throw e;
        }
        last = e;
        sleep(200L << attempt);
      }
    }
    throw last;
  }

  private JsonNode putChunk(String id, Path file, String name, long first, long last, long size) {
    long length = last - first + 1;
    return api.send(
        api.request("/uploads/" + id + "/files/" + ApiConnection.seg(name))
            .header("Content-Range", "bytes " + first + "-" + last + "/" + size)
            .header("Content-Type", "application/octet-stream")
            .PUT(
                BodyPublishers.fromPublisher(
                    BodyPublishers.ofInputStream(() -> slice(file, first, length)), length)));
  }

  private static InputStream slice(Path file, long first, long length) {
    try {
      InputStream in = Files.newInputStream(file);
      in.skipNBytes(first);
      return new java.io.FilterInputStream(in) {
        long left = length;

        @Override
        public int read() throws IOException {
          if (left <= 0) {
            return -1;
          }
          int b = super.read();
          left -= b < 0 ? 0 : 1;
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          if (left <= 0) {
            return -1;
          }
          int n = super.read(buf, off, (int) Math.min(len, left));
          left -= Math.max(n, 0);
          return n;
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long received(String id, String name) {
    return receivedIn(api.send(api.request("/uploads/" + id).GET()), name);
  }

  private static long receivedIn(JsonNode status, String name) {
    for (JsonNode f : status.path("files")) {
      if (f.path("name").asText().equals(name)) {
        return f.path("received").asLong();
      }
    }
    throw new DebforgeException(
        ErrorKind.IO, "the server's upload does not list " + name, "start the import again");
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, f + ": " + e.getMessage(), null, e);
    }
  }

  static String sha256(Path f) {
    try (InputStream in = Files.newInputStream(f)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, f + ": " + e.getMessage(), null, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.IO, "interrupted", null, e);
    }
  }
}
