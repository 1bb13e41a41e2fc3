package org.debforge.orchestrator.tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.auth.Caller;
import org.debforge.orchestrator.db.Sql;
import org.debforge.orchestrator.history.History;

/**
 * Tags, their inheritance, package lists and build targets. Every method runs inside the caller's
 * transaction and records its change in the history.
 */
public final class Tags {
  private Tags() {}

  public static Optional<Tag> find(Sql sql, String name) {
    return sql.one(
        "SELECT id, name, arches, locked, perm, created_at FROM tags WHERE name = ?",
        Tags::row,
        name);
  }

  public static Tag require(Sql sql, String name) {
    return find(sql, name)
        .orElseThrow(
            () ->
                new DebforgeException(
                    ErrorKind.NOT_FOUND,
                    "no tag '" + name + "'",
                    "see 'deb-orchestrator list-tags', or create it with 'add-tag'"));
  }

  public static List<Tag> list(Sql sql) {
    return sql.query(
        "SELECT id, name, arches, locked, perm, created_at FROM tags ORDER BY name", Tags::row);
  }

  public static Tag add(Sql sql, Instant at, String actor, String name, List<String> arches) {
    Tag.requireName(name);
    if (find(sql, name).isPresent()) {
      throw new DebforgeException(
          ErrorKind.CONFLICT, "tag '" + name + "' already exists", "use 'edit-tag' to change it");
    }
    String archList = String.join(" ", requireArches(arches));
    sql.insert(
        "INSERT INTO tags (name, arches, locked, created_at) VALUES (?, ?, ?, ?)",
        name,
        archList,
        false,
        at.toEpochMilli());
    History.record(sql, at, actor, "add-tag", name, null, "arches=" + archList);
    return require(sql, name);
  }

  /**
   * Changes arches, the lock and/or the required permission; null leaves a setting as it is, and an
   * empty {@code perm} removes the tag's permission.
   */
  public static Tag edit(
      Sql sql,
      Instant at,
      String actor,
      String name,
      List<String> arches,
      Boolean locked,
      String perm) {
    Tag tag = require(sql, name);
    if (arches != null) {
      String archList = String.join(" ", requireArches(arches));
      sql.update("UPDATE tags SET arches = ? WHERE id = ?", archList, tag.id());
      History.record(sql, at, actor, "edit-tag", name, null, "arches=" + archList);
    }
    if (locked != null && locked != tag.locked()) {
      sql.update("UPDATE tags SET locked = ? WHERE id = ?", locked, tag.id());
      History.record(sql, at, actor, locked ? "lock" : "unlock", name, null, null);
    }
    if (perm != null) {
      String wanted = perm.isEmpty() ? null : Caller.requirePerm(perm);
      if (!java.util.Objects.equals(wanted, tag.perm())) {
        sql.update("UPDATE tags SET perm = ? WHERE id = ?", wanted, tag.id());
        History.record(
            sql, at, actor, "edit-tag", name, null, "perm=" + (wanted == null ? "" : wanted));
      }
    }
    return require(sql, name);
  }

  public static void addInheritance(
      Sql sql, Instant at, String actor, String name, InheritanceLink link) {
    Tag tag = require(sql, name);
    Tag parent = require(sql, link.parent());
    if (parent.id() == tag.id()) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT, "tag '" + name + "' cannot inherit from itself", null);
    }
    for (Inheritance.Link l : Inheritance.parents(sql, tag.id())) {
      if (l.parentId() == parent.id()) {
        throw new DebforgeException(
            ErrorKind.CONFLICT,
            "'" + name + "' already inherits from '" + parent.name() + "'",
            null);
      }
      if (l.priority() == link.priority()) {
        throw new DebforgeException(
            ErrorKind.CONFLICT,
            "'" + name + "' already has a parent at priority " + link.priority(),
            "give each parent its own --priority");
      }
    }
    sql.update(
        "INSERT INTO tag_inheritance (tag_id, parent_id, priority, maxdepth, intransitive,"
            + " noconfig, pkg_filter) VALUES (?, ?, ?, ?, ?, ?, ?)",
        tag.id(),
        parent.id(),
        link.priority(),
        link.maxdepth(),
        link.intransitive(),
        link.noconfig(),
        link.packageFilter());
    History.record(sql, at, actor, "add-inheritance", name, null, describe(link));
  }

  public static List<InheritanceLink> parents(Sql sql, Tag tag) {
    List<InheritanceLink> out = new ArrayList<>();
    for (Inheritance.Link l : Inheritance.parents(sql, tag.id())) {
      out.add(
          new InheritanceLink(
              l.parentName(),
              l.priority(),
              l.maxdepth(),
              l.intransitive(),
              l.noconfig(),
              l.filter()));
    }
    return out;
  }

  /** Adds or changes a package in a tag's list (Koji's add-pkg, block-pkg, unblock-pkg). */
  public static void setPackage(
      Sql sql, Instant at, String actor, String name, String pkg, String owner, boolean blocked) {
    Tag tag = require(sql, name);
    requireUnlocked(tag);
    if (!pkg.matches("[a-z0-9][a-z0-9+.-]+")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "'" + pkg + "' is not a source package name",
          "Debian package names are lower-case letters, digits and + - .");
    }
    int changed =
        sql.update(
            "UPDATE tag_packages SET owner = ?, blocked = ? WHERE tag_id = ? AND package = ?",
            owner,
            blocked,
            tag.id(),
            pkg);
    if (changed == 0) {
      sql.update(
          "INSERT INTO tag_packages (tag_id, package, owner, blocked) VALUES (?, ?, ?, ?)",
          tag.id(),
          pkg,
          owner,
          blocked);
    }
    History.record(
        sql, at, actor, blocked ? "block-pkg" : "add-pkg", name, null, pkg + " owner=" + owner);
  }

  /** The tag's own package list. */
  public static List<PackageEntry> ownPackages(Sql sql, Tag tag) {
    return sql.query(
        "SELECT package, owner, blocked FROM tag_packages WHERE tag_id = ? ORDER BY package",
        rs -> new PackageEntry(tag.name(), rs.getString(1), rs.getString(2), rs.getBoolean(3)),
        tag.id());
  }

  /**
   * The package list seen through inheritance: for each package the first entry in search order.
   */
  public static Map<String, PackageEntry> packages(Sql sql, List<Inheritance.Ancestor> order) {
    Map<String, PackageEntry> out = new LinkedHashMap<>();
    for (Inheritance.Ancestor a : order) {
      for (PackageEntry e :
          sql.query(
              "SELECT package, owner, blocked FROM tag_packages WHERE tag_id = ? ORDER BY package",
              rs -> new PackageEntry(a.name(), rs.getString(1), rs.getString(2), rs.getBoolean(3)),
              a.id())) {
        if (a.admits(e.name())) {
          out.putIfAbsent(e.name(), e);
        }
      }
    }
    return out;
  }

  public static Target addTarget(
      Sql sql, Instant at, String actor, String name, String buildTag, String destTag) {
    Tag.requireName(name);
    Tag build = require(sql, buildTag);
    Tag dest = require(sql, destTag);
    if (sql.one("SELECT name FROM targets WHERE name = ?", rs -> rs.getString(1), name)
        .isPresent()) {
      throw new DebforgeException(ErrorKind.CONFLICT, "target '" + name + "' already exists", null);
    }
    sql.update(
        "INSERT INTO targets (name, build_tag_id, dest_tag_id) VALUES (?, ?, ?)",
        name,
        build.id(),
        dest.id());
    History.record(
        sql, at, actor, "add-target", destTag, null, name + ": " + buildTag + " -> " + destTag);
    return new Target(name, buildTag, destTag);
  }

  /** Targets that build from or land in {@code tag}, or all targets when it is null. */
  public static List<Target> targets(Sql sql, Tag tag) {
    String q =
        "SELECT g.name, b.name, d.name FROM targets g JOIN tags b ON b.id = g.build_tag_id"
            + " JOIN tags d ON d.id = g.dest_tag_id";
    if (tag == null) {
      return sql.query(
          q + " ORDER BY g.name",
          rs -> new Target(rs.getString(1), rs.getString(2), rs.getString(3)));
    }
    return sql.query(
        q + " WHERE g.build_tag_id = ? OR g.dest_tag_id = ? ORDER BY g.name",
        rs -> new Target(rs.getString(1), rs.getString(2), rs.getString(3)),
        tag.id(),
        tag.id());
  }

  /** Arches of the tag, or of its first configured ancestor reached without a noconfig link. */
  public static List<String> effectiveArches(Sql sql, List<Inheritance.Ancestor> order) {
    for (Inheritance.Ancestor a : order) {
      if (a.noconfig()) {
        continue;
      }
      List<String> arches =
          sql.one("SELECT arches FROM tags WHERE id = ?", rs -> rs.getString(1), a.id())
              .map(Tags::words)
              .orElse(List.of());
      if (!arches.isEmpty()) {
        return arches;
      }
    }
    return List.of();
  }

  static void requireUnlocked(Tag tag) {
    if (tag.locked()) {
      throw new DebforgeException(
          ErrorKind.CONFLICT,
          "tag '" + tag.name() + "' is locked",
          "unlock it first: deb-orchestrator edit-tag " + tag.name() + " --unlock");
    }
  }

  private static List<String> requireArches(List<String> arches) {
    for (String a : arches) {
      if (!a.matches("[a-z0-9][a-z0-9-]*")) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT,
            "'" + a + "' is not a Debian architecture name",
            "e.g. amd64 arm64 all");
      }
    }
    return arches;
  }

  static String describe(InheritanceLink l) {
    return l.parent()
        + " priority="
        + l.priority()
        + (l.maxdepth() == null ? "" : " maxdepth=" + l.maxdepth())
        + (l.intransitive() ? " intransitive" : "")
        + (l.noconfig() ? " noconfig" : "")
        + (l.packageFilter() == null ? "" : " filter=" + l.packageFilter());
  }

  private static Tag row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Tag(
        rs.getLong(1),
        rs.getString(2),
        words(rs.getString(3)),
        rs.getBoolean(4),
        rs.getString(5),
        Instant.ofEpochMilli(rs.getLong(6)));
  }

  private static List<String> words(String s) {
    return s == null || s.isBlank() ? List.of() : Arrays.asList(s.strip().split(" +"));
  }
}
