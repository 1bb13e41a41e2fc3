package org.debforge.compose.blueprint;

import java.util.Map;

/**
 * A deliverable. Pungi's failable deliverables: a failed failable output is recorded, the compose
 * goes on and finishes FINISHED_INCOMPLETE; any other failure dooms the compose.
 *
 * @param type what to make
 * @param failable whether its failure leaves the compose usable
 * @param options the output's own settings (e.g. {@code ref} of an ostree output), as written
 */
public record OutputSpec(Type type, boolean failable, Map<String, String> options) {
  public OutputSpec {
    options = Map.copyOf(options);
  }

  /** The kinds of deliverables; part 1 makes {@code repo} and {@code rootfs}. */
  public enum Type {
    REPO,
    ROOTFS,
    OSTREE,
    IMAGE,
    OCI,
    LIVE;

    /** The name used in blueprints and metadata. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
