package org.debforge.orchestrator.web;

/** One step of a page's breadcrumbs; the last one (the page itself) has no link. */
public record Crumb(String label, String href) {}
