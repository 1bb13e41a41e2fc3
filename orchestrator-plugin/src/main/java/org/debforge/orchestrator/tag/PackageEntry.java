package org.debforge.orchestrator.tag;

/**
 * A source package in a tag's package list.
 *
 * @param tag the tag the entry is set in (an ancestor when inherited)
 * @param blocked a blocked package cannot be tagged, and hides inherited builds of it
 */
public record PackageEntry(String tag, String name, String owner, boolean blocked) {}
