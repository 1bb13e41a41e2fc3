package org.debforge.ostree.layer;

/**
 * The metadata keys of a layered commit, so that status and the next layering read what this one
 * did from the commit itself. Values are plain strings: the {@code ostree} CLI adds string metadata
 * only.
 */
public final class LayerMetadata {
  private LayerMetadata() {}

  /** The base commit the layer was made on (also the commit's parent). */
  public static final String BASE = "debforge.layer.base";

  /** The requests, {@code ;}-separated, as the origin lists them. */
  public static final String REQUESTED = "debforge.layer.requested";

  /** Every package the layer installed: {@code name=version:arch;...} as resolved. */
  public static final String INSTALLED = "debforge.layer.installed";

  /** Base packages removed by {@code override remove}, {@code ;}-separated. */
  public static final String REMOVED = "debforge.layer.removed";

  /** The compose's lock JSON, carried from the base so later layers find the sources. */
  public static final String LOCK = "debforge.lock";

  public static final String COMPOSE_ID = "debforge.compose-id";
}
