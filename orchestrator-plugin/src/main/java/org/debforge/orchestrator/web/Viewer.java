package org.debforge.orchestrator.web;

import org.debforge.orchestrator.auth.Role;

/**
 * Who is logged in to the web UI: the API token's name and role, and the CSRF token its forms must
 * carry.
 */
public record Viewer(String name, Role role, String csrf) {
  /** Whether the pages should offer tag/untag (the server checks again on every POST). */
  public boolean canTag() {
    return role.allows(Role.TAGGER);
  }

  public String roleLabel() {
    return role.label();
  }
}
