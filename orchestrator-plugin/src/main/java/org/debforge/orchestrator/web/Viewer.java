package org.debforge.orchestrator.web;

import java.util.List;
import org.debforge.orchestrator.auth.Caller;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.tag.Tag;

/**
 * Who is logged in to the web UI: the API token's name and role, and the CSRF token its forms must
 * carry.
 */
public record Viewer(String name, Role role, List<String> perms, String csrf) {
  /** As the engine's caller, which checks tags' lock and perm on every tag/untag. */
  public Caller caller() {
    return new Caller(name, role, perms);
  }

  /** Whether the pages should offer tag/untag for {@code tag}. */
  public boolean mayChange(Tag tag) {
    return tag.changeableBy(caller());
  }

  /** Whether the pages should offer tag/untag (the server checks again on every POST). */
  public boolean canTag() {
    return role.allows(Role.TAGGER);
  }

  public String roleLabel() {
    return role.label();
  }
}
