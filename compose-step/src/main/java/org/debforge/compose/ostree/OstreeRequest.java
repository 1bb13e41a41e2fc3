package org.debforge.compose.ostree;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * What the ostree phase commits.
 *
 * @param rootfs the rootfs phase's root; read only, never changed (the conversion works on a copy)
 * @param repo the OSTree repository; created in {@code archive} mode when missing
 * @param ref the branch the commit is put on (the blueprint's ref), moved only when all succeeded
 * @param version the {@code version} commit metadata (the compose's release version)
 * @param parent the previous compose's commit checksum; {@code --parent} takes a checksum, not a
 *     ref, and a static delta from it is generated
 * @param metadata more commit metadata strings (e.g. {@code debforge.lock}: the lock's JSON)
 * @param work a scratch folder: the converted tree is made there and removed when done
 * @param log the phase's log file
 */
public record OstreeRequest(
    Path rootfs,
    Path repo,
    String ref,
    String version,
    Optional<String> parent,
    Map<String, String> metadata,
    Path work,
    Path log) {
  /** Linux's limit on one argument (MAX_ARG_STRLEN): each metadata pair is one argv string. */
  public static final int MAX_ARGUMENT = 131072 - 64;

  public OstreeRequest {
    metadata = java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
    if (!ref.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "ostree: ref '" + ref + "' is not a valid OSTree ref",
          "letters, digits, '.', '_', '-', parts joined by '/', e.g. debian/12/x86_64/minimal");
    }
    if (version.isBlank()) {
      throw new DebforgeException(ErrorKind.INVALID_INPUT, "ostree: version is empty");
    }
    if (parent.isPresent() && !parent.get().matches("[0-9a-f]{64}")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "ostree: parent '" + parent.get() + "' is not a commit checksum",
          "--parent takes the previous commit's SHA-256, not a ref (ostree rev-parse REF)");
    }
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      if (e.getKey().isEmpty() || e.getKey().contains("=") || e.getKey().equals("version")) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT,
            "ostree: metadata key '" + e.getKey() + "' is not allowed",
            "a key without '='; version is set from the version field");
      }
      int size = ("--add-metadata-string=" + e.getKey() + "=" + e.getValue()).getBytes().length;
      if (size > MAX_ARGUMENT) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT,
            "ostree: metadata " + e.getKey() + " is " + size + " bytes, over Linux's 128 KiB",
            "ostree commit takes metadata on its command line only; store a digest instead");
      }
    }
  }
}
