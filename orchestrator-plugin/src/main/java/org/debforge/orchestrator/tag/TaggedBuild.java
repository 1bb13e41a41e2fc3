package org.debforge.orchestrator.tag;

import java.time.Instant;
import org.debforge.orchestrator.build.Build;

/**
 * A build as seen through a tag.
 *
 * @param tag the tag the build is tagged in (an ancestor when listed with inheritance)
 */
public record TaggedBuild(String tag, Build build, String taggedBy, Instant taggedAt) {}
