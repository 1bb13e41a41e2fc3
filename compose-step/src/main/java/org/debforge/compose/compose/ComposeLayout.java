package org.debforge.compose.compose;

import java.nio.file.Path;
import org.debforge.compose.metadata.ComposeMetadata;

/**
 * Where a compose's files go (Pungi's layout, docs/compose.md):
 *
 * <pre>
 * TARGET/ID/COMPOSE_ID, STATUS
 *          logs/PHASE.log
 *          metadata/composeinfo.json, images.json, packages.json, lock.json
 *          compose/Everything/repo/          the exact-set APT repository (dists/, pool/, KEY.gpg)
 *          compose/Everything/ARCH/rootfs/   the root filesystem
 *          compose/Everything/ARCH/images/   the root as a tar.zst image
 *          work/                             scratch, removed when the compose ends
 * </pre>
 */
public record ComposeLayout(Path topdir, String composeId) {
  public Path composeIdFile() {
    return topdir.resolve("COMPOSE_ID");
  }

  public Path statusFile() {
    return topdir.resolve("STATUS");
  }

  public Path logs() {
    return topdir.resolve("logs");
  }

  public Path metadata() {
    return topdir.resolve("metadata");
  }

  /** The {@code compose/} folder productmd paths are relative to. */
  public Path compose() {
    return topdir.resolve("compose");
  }

  public Path repo() {
    return compose().resolve(ComposeMetadata.VARIANT).resolve("repo");
  }

  public Path rootfs(String arch) {
    return compose().resolve(ComposeMetadata.VARIANT).resolve(arch).resolve("rootfs");
  }

  public Path images(String arch) {
    return compose().resolve(ComposeMetadata.VARIANT).resolve(arch).resolve("images");
  }

  public Path work() {
    return topdir.resolve("work");
  }
}
