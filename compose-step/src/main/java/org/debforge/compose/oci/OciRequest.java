package org.debforge.compose.oci;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * One bootc image to make from an OSTree commit.
 *
 * @param repo the OSTree repository holding the commit
 * @param commit the commit's checksum (the image is its tree, with /usr/etc moved to /etc)
 * @param arch the Debian architecture ({@code amd64}), mapped to the OCI platform
 * @param tag the image's name in the layout ({@code org.opencontainers.image.ref.name})
 * @param format a layout folder or an {@code oci-archive} tar of one
 * @param created the image's time and every file's mtime: the same commit and time give the same
 *     image, byte for byte
 * @param labels more config labels (version, title...); the bootc ones are always set
 * @param output the layout folder or archive file to make; must not exist yet
 * @param work scratch space (the checkout), removed again
 * @param log the tool log
 */
public record OciRequest(
    Path repo,
    String commit,
    String arch,
    String tag,
    OciFormat format,
    Instant created,
    Map<String, String> labels,
    Path output,
    Path work,
    Path log) {
  /** The OCI image-spec's grammar of a tag (distribution-spec's reference tag). */
  public static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  public OciRequest {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(log, "log");
    labels = Map.copyOf(labels);
    if (commit == null || !commit.matches("[0-9a-f]{64}")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "oci: commit '" + commit + "' is not an OSTree checksum",
          "give the 64 hex digits the ostree phase recorded");
    }
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "oci: tag '" + tag + "' is not an image tag",
          "letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-'");
    }
    Platform.of(arch); // refuses an architecture OCI has no name for
  }
}
