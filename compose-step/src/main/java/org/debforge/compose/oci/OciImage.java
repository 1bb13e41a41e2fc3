package org.debforge.compose.oci;

import java.nio.file.Path;

/**
 * An image the OCI engine wrote.
 *
 * @param path the layout folder or archive
 * @param reference how skopeo names it: {@code oci:PATH:TAG} or {@code oci-archive:PATH:TAG}
 * @param manifest the manifest's digest ({@code sha256:...}): the image's identity, as a registry
 *     shows it after a push
 * @param config the config blob's digest (podman's image id)
 * @param layer the compressed layer's digest
 * @param diffId the uncompressed layer's digest (the config's rootfs.diff_ids)
 * @param size bytes on disk: the archive, or every file of the folder
 * @param sha256 the archive's SHA-256; for a folder, the manifest digest's hex
 */
public record OciImage(
    Path path,
    OciFormat format,
    String tag,
    String reference,
    String manifest,
    String config,
    String layer,
    String diffId,
    long size,
    String sha256) {}
