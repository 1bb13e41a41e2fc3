package org.debforge.debmock.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.debforge.core.ErrorKind;

/**
 * What {@code result.json} records about one deb-mock run; the schema is documented, with its
 * version, in docs/deb-mock-result.md. {@code status} is succeeded, failed, canceled or unstable
 * (built and collected, but a QA plugin did not pass); {@code qa} holds each QA plugin's verdict.
 */
public record BuildResult(
    int schemaVersion,
    String status,
    String exitReason,
    String errorKind,
    String message,
    String operation,
    String config,
    Map<String, Object> source,
    List<Map<String, Object>> phases,
    double totalSeconds,
    List<Artifact> artifacts,
    List<String> logs,
    List<String> plugins,
    List<String> hooks,
    Map<String, Object> chroot,
    Map<String, Object> build,
    Map<String, Object> qa) {
  public static final int SCHEMA_VERSION = 1;

  /** result.json's {@code exit_reason} for a failure of this kind. */
  public static String exitReason(ErrorKind kind) {
    return switch (kind) {
      case BUILD_FAILED -> "build_failed";
      case CHROOT_SETUP -> "chroot_setup";
      case DEPENDENCY_RESOLUTION -> "dependency_resolution";
      case PLUGIN_FAILED -> "plugin_failed";
      case CONFIG -> "config";
      default -> kind.name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The logs in a result directory, sorted: every {@code *.log}, and the {@code .gz/.xz/.zst} the
   * compress_logs plugin leaves in their place.
   */
  public static List<String> logs(Path resultDir) {
    try (var files = Files.list(resultDir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.matches(".*\\.log(\\.(gz|xz|zst))?"))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of(); // no result directory: no logs to list
    }
  }

  public static List<Map<String, Object>> phases(List<StateLog.Phase> phases) {
    return phases.stream()
        .map(
            p -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("name", p.name());
              m.put("start", p.start().toString());
              m.put("seconds", p.seconds());
              m.put("ok", p.ok());
              return m;
            })
        .toList();
  }

  /** The fields as result.json names them. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema_version", schemaVersion);
    m.put("status", status);
    m.put("exit_reason", exitReason);
    m.put("error_kind", errorKind);
    m.put("message", message);
    m.put("operation", operation);
    m.put("config", config);
    m.put("build", build);
    m.put("source", source);
    m.put("phases", phases);
    m.put("total_seconds", totalSeconds);
    m.put("artifacts", artifacts);
    m.put("logs", logs);
    m.put("plugins", plugins);
    m.put("hooks", hooks);
    m.put("chroot", chroot);
    m.put("qa", qa);
    return m;
  }

  /** Writes result.json atomically, so a reader never sees half of it. */
  public void write(Path resultDir) {
    try {
      Files.createDirectories(resultDir);
      Path tmp = resultDir.resolve(".result.json.tmp");
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(tmp.toFile(), toJson());
      Files.move(
          tmp,
          resultDir.resolve("result.json"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
