package org.debforge.orchestrator.web;

import java.util.List;

/**
 * What every page shows around its content: title, breadcrumbs, the section it belongs to (builds,
 * packages, tags, targets, search), who is logged in (null: nobody) and the page's own path (null:
 * none), where a login from the page returns to.
 */
public record Layout(String title, String section, List<Crumb> crumbs, Viewer viewer, String here) {
  public Layout {
    crumbs = List.copyOf(crumbs);
  }

  public String loginHref() {
    return Href.of("/login").with("next", here).toString();
  }

  public boolean loggedIn() {
    return viewer != null;
  }

  public boolean canTag() {
    return viewer != null && viewer.canTag();
  }
}
