package org.debforge.orchestrator.tag;

/** A build target: builds for it use {@code buildTag}'s content and land in {@code destTag}. */
public record Target(String name, String buildTag, String destTag) {}
