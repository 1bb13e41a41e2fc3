package org.debforge.compose.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to make a bootable disk image from.
 *
 * @param repo the OSTree repository holding the commit (the ostree phase's)
 * @param ref the ref the commit is on: the deployment's origin, so the machine updates from it
 * @param commit the checksum to deploy (not whatever the ref holds by now)
 * @param osName the stateroot ({@code ostree admin os-init NAME}), e.g. {@code debian}
 * @param kernelArgs the blueprint's kernel arguments, in order; {@code root=UUID=} and {@code rw}
 *     are added before them
 * @param size the whole disk in bytes, or empty for the tree plus a margin
 * @param formats the files to keep
 * @param work scratch (the sysroot, the partition images); emptied again
 * @param outDir where the image files go
 * @param baseName the image files' name without extension ({@code ID-ARCH-disk})
 * @param log the tool log
 */
public record DiskImageRequest(
    Path repo,
    String ref,
    String commit,
    String osName,
    List<String> kernelArgs,
    Optional<Long> size,
    List<ImageOptions.Format> formats,
    Path work,
    Path outDir,
    String baseName,
    Path log) {
  public DiskImageRequest {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(ref, "ref");
    if (!commit.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("commit: not an ostree checksum: " + commit);
    }
    if (!osName.matches("[a-z0-9][a-z0-9._-]*")) {
      throw new IllegalArgumentException("osName: " + osName);
    }
    kernelArgs = List.copyOf(kernelArgs);
    formats = List.copyOf(formats);
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("formats: empty");
    }
  }
}
