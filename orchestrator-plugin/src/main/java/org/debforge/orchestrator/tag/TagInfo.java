package org.debforge.orchestrator.tag;

import java.util.List;

/**
 * Everything about one tag.
 *
 * @param effectiveArches the tag's arches, or when it has none the first an ancestor configures
 *     (links with noconfig excluded)
 * @param inheritance the full, resolved inheritance, the tag itself first
 */
public record TagInfo(
    Tag tag,
    List<String> effectiveArches,
    List<InheritanceLink> parents,
    List<Inheritance.Ancestor> inheritance,
    List<PackageEntry> packages,
    List<Target> targets) {}
