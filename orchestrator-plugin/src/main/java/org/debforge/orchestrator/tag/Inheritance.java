package org.debforge.orchestrator.tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.debforge.orchestrator.db.Sql;

/**
 * Resolves a tag's full inheritance the way Koji's {@code readFullInheritance} does: depth first,
 * parents in priority order, each ancestor once (the first path to it wins), intransitive links
 * followed only from the tag asked about, maxdepth limiting how far a link reaches, and package
 * filters accumulating along the path.
 */
public final class Inheritance {
  private Inheritance() {}

  /**
   * One tag in the resolved order.
   *
   * @param depth 0 for the tag itself
   * @param filters package filters on the path from the tag; a package must match all of them
   * @param noconfig true when some link on the path withholds configuration
   */
  public record Ancestor(long id, String name, int depth, List<String> filters, boolean noconfig) {
    public Ancestor {
      filters = List.copyOf(filters);
    }

    /** Whether builds and list entries of {@code pkg} are inherited through this path. */
    public boolean admits(String pkg) {
      for (String f : filters) {
        if (!Pattern.compile(f).matcher(pkg).lookingAt()) {
          return false;
        }
      }
      return true;
    }
  }

  record Link(
      long parentId,
      String parentName,
      int priority,
      Integer maxdepth,
      boolean intransitive,
      boolean noconfig,
      String filter) {}

  static List<Link> parents(Sql sql, long tagId) {
    return sql.query(
        "SELECT i.parent_id, t.name, i.priority, i.maxdepth, i.intransitive, i.noconfig,"
            + " i.pkg_filter FROM tag_inheritance i JOIN tags t ON t.id = i.parent_id"
            + " WHERE i.tag_id = ? ORDER BY i.priority",
        rs -> {
          int md = rs.getInt(4);
          Integer maxdepth = rs.wasNull() ? null : md;
          return new Link(
              rs.getLong(1),
              rs.getString(2),
              rs.getInt(3),
              maxdepth,
              rs.getBoolean(5),
              rs.getBoolean(6),
              rs.getString(7));
        },
        tagId);
  }

  /** The tag itself, then every ancestor in search order. */
  public static List<Ancestor> resolve(Sql sql, Tag tag) {
    List<Ancestor> order = new ArrayList<>();
    order.add(new Ancestor(tag.id(), tag.name(), 0, List.of(), false));
    Set<Long> seen = new HashSet<>();
    seen.add(tag.id());
    walk(sql, tag.id(), 1, null, List.of(), false, seen, order);
    return order;
  }

  private static void walk(
      Sql sql,
      long tagId,
      int depth,
      Integer reach,
      List<String> filters,
      boolean noconfig,
      Set<Long> seen,
      List<Ancestor> order) {
    if (reach != null && reach < 1) {
      return;
    }
    for (Link link : parents(sql, tagId)) {
      if (link.intransitive() && depth > 1) {
        continue;
      }
      if (!seen.add(link.parentId())) {
        continue;
      }
      Integer next;
      if (link.maxdepth() == null) {
        next = reach == null ? null : reach - 1;
      } else {
        next = (reach == null ? link.maxdepth() : Math.min(link.maxdepth(), reach)) - 1;
      }
      List<String> pathFilters = new ArrayList<>(filters);
      if (link.filter() != null) {
        pathFilters.add(link.filter());
      }
      boolean pathNoconfig = noconfig || link.noconfig();
      order.add(new Ancestor(link.parentId(), link.parentName(), depth, pathFilters, pathNoconfig));
      walk(sql, link.parentId(), depth + 1, next, pathFilters, pathNoconfig, seen, order);
    }
  }
}
