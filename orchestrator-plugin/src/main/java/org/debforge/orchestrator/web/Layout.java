package org.debforge.orchestrator.web;

import java.util.List;

/**
 * What every page shows around its content: title, breadcrumbs, the section it belongs to (builds,
 * packages, tags, targets, search) and who is logged in (null: nobody).
 */
public record Layout(String title, String section, List<Crumb> crumbs, Viewer viewer) {
  public Layout {
    crumbs = List.copyOf(crumbs);
  }

  public boolean loggedIn() {
    return viewer != null;
  }

  public boolean canTag() {
    return viewer != null && viewer.canTag();
  }
}
