package org.debforge.orchestrator.tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.version.DebianVersion;
import org.debforge.orchestrator.auth.Caller;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildRecords;
import org.debforge.orchestrator.build.BuildState;
import org.debforge.orchestrator.db.Sql;
import org.debforge.orchestrator.history.History;

/** Putting builds in tags, taking them out, and listing what a tag holds. */
public final class Tagging {
  private Tagging() {}

  /**
   * What to list.
   *
   * @param inherit include builds of the tag's ancestors
   * @param latest only the newest build per source package (dpkg order, then tag order)
   * @param arch only builds for this architecture (or arch: all), or null
   * @param pkg only this source package, or null
   */
  public record Query(boolean inherit, boolean latest, String arch, String pkg) {
    public static Query all() {
      return new Query(false, false, null, null);
    }
  }

  /**
   * Tags a build. {@code who} must be allowed to change the tag ({@link Tag#requireChangeableBy}):
   * checked here, in the engine, so every interface enforces a tag's lock and perm the same way.
   */
  public static void tag(Sql sql, Instant at, Caller who, String tagName, String buildRef) {
    String actor = who.name();
    Tag tag = Tags.require(sql, tagName);
    tag.requireChangeableBy(who);
    Build build = BuildRecords.require(sql, buildRef);
    Tags.requireUnlocked(tag);
    if (build.state() != BuildState.COMPLETE) {
      throw new DebforgeException(
          ErrorKind.CONFLICT,
          build.nvr() + " is " + build.state() + "; only COMPLETE builds can be tagged",
          null);
    }
    PackageEntry entry = Tags.packages(sql, Inheritance.resolve(sql, tag)).get(build.source());
    if (entry == null) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          "package '" + build.source() + "' is not in the package list of tag '" + tagName + "'",
          "add it: deb-orchestrator add-pkg " + tagName + " " + build.source() + " --owner NAME");
    }
    if (entry.blocked()) {
      throw new DebforgeException(
          ErrorKind.CONFLICT,
          "package '" + build.source() + "' is blocked in tag '" + entry.tag() + "'",
          null);
    }
    if (isTagged(sql, tag, build)) {
      throw new DebforgeException(
          ErrorKind.CONFLICT, build.nvr() + " is already tagged in '" + tagName + "'", null);
    }
    try {
      sql.update(
          "INSERT INTO tagged_builds (tag_id, build_id, tagged_by, tagged_at) VALUES (?, ?, ?, ?)",
          tag.id(),
          build.id(),
          actor,
          at.toEpochMilli());
    } catch (DebforgeException e) {
      if (Sql.isUniqueViolation(e)) {
        // Another client tagged it between our check and insert (seen under load).
        throw new DebforgeException(
            ErrorKind.CONFLICT, build.nvr() + " is already tagged in '" + tagName + "'", null);
      }
      throw e;
    }
    History.record(sql, at, actor, "tag", tagName, build.nvr(), null);
  }

  public static void untag(Sql sql, Instant at, Caller who, String tagName, String buildRef) {
    String actor = who.name();
    Tag tag = Tags.require(sql, tagName);
    tag.requireChangeableBy(who);
    Build build = BuildRecords.require(sql, buildRef);
    Tags.requireUnlocked(tag);
    int removed =
        sql.update(
            "DELETE FROM tagged_builds WHERE tag_id = ? AND build_id = ?", tag.id(), build.id());
    if (removed == 0) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          build.nvr() + " is not tagged in '" + tagName + "'",
          "see 'deb-orchestrator list-tagged " + tagName + "'");
    }
    History.record(sql, at, actor, "untag", tagName, build.nvr(), null);
  }

  /**
   * Koji's delete-build: untags the build from every tag (each recorded as an untag, so the history
   * still replays to the tags' contents) and marks it DELETED. Its record and file list stay; its
   * blobs are no longer referenced, so gc collects them. A locked tag holding it must be unlocked
   * first.
   */
  public static Build delete(Sql sql, Instant at, String actor, String buildRef) {
    Build build = BuildRecords.require(sql, buildRef);
    if (build.state() == BuildState.DELETED) {
      throw new DebforgeException(ErrorKind.CONFLICT, build.nvr() + " is already deleted", null);
    }
    List<Tag> tags =
        sql
            .query(
                "SELECT t.name FROM tags t JOIN tagged_builds tb ON tb.tag_id = t.id"
                    + " WHERE tb.build_id = ? ORDER BY t.name",
                rs -> rs.getString(1),
                build.id())
            .stream()
            .map(name -> Tags.require(sql, name))
            .toList();
    tags.forEach(Tags::requireUnlocked);
    for (Tag tag : tags) {
      untag(sql, at, Caller.local(actor), tag.name(), Long.toString(build.id()));
    }
    BuildRecords.markDeleted(sql, build.id());
    History.record(
        sql,
        at,
        actor,
        "delete-build",
        null,
        build.nvr(),
        "untagged from " + tags.size() + " tags");
    return BuildRecords.require(sql, Long.toString(build.id()));
  }

  private static boolean isTagged(Sql sql, Tag tag, Build build) {
    return sql.one(
            "SELECT 1 FROM tagged_builds WHERE tag_id = ? AND build_id = ?",
            rs -> 1,
            tag.id(),
            build.id())
        .isPresent();
  }

  public static List<TaggedBuild> list(Sql sql, String tagName, Query q) {
    Tag tag = Tags.require(sql, tagName);
    List<Inheritance.Ancestor> order =
        q.inherit() ? Inheritance.resolve(sql, tag) : Inheritance.resolve(sql, tag).subList(0, 1);
    Map<String, PackageEntry> packages = Tags.packages(sql, order);
    List<TaggedBuild> found = new ArrayList<>();
    Map<Long, Integer> tagRank = new LinkedHashMap<>();
    Set<Long> seenBuilds = new HashSet<>();
    for (int rank = 0; rank < order.size(); rank++) {
      Inheritance.Ancestor a = order.get(rank);
      for (TaggedBuild tb : direct(sql, a)) {
        Build b = tb.build();
        PackageEntry entry = packages.get(b.source());
        if (!a.admits(b.source())
            || (entry != null && entry.blocked())
            || (q.pkg() != null && !q.pkg().equals(b.source()))
            || (q.arch() != null && !builtFor(b, q.arch()))
            || !seenBuilds.add(b.id())) {
          continue;
        }
        tagRank.put(b.id(), rank);
        found.add(tb);
      }
    }
    // Newest version first per source, then the nearer tag first.
    Comparator<TaggedBuild> order2 =
        Comparator.comparing((TaggedBuild tb) -> tb.build().source())
            .thenComparing(
                (x, y) -> DebianVersion.compare(y.build().version(), x.build().version()))
            .thenComparing(tb -> tagRank.get(tb.build().id()));
    found.sort(order2);
    if (!q.latest()) {
      return found;
    }
    List<TaggedBuild> latest = new ArrayList<>();
    String last = null;
    for (TaggedBuild tb : found) {
      if (!tb.build().source().equals(last)) {
        latest.add(tb);
        last = tb.build().source();
      }
    }
    return latest;
  }

  private static boolean builtFor(Build b, String arch) {
    return b.architectures().contains(arch) || b.architectures().contains("all");
  }

  private static List<TaggedBuild> direct(Sql sql, Inheritance.Ancestor a) {
    return sql.query(
        "SELECT "
            + BuildRecords.COLUMNS
            + ", tagged_by, tagged_at FROM builds JOIN tagged_builds ON builds.id ="
            + " tagged_builds.build_id WHERE tag_id = ?",
        rs ->
            new TaggedBuild(
                a.name(),
                BuildRecords.row(rs),
                rs.getString(16),
                Instant.ofEpochMilli(rs.getLong(17))),
        a.id());
  }

  /**
   * Copies a tag: arches, package list and tagged builds (not its inheritance), each copy recorded
   * as its own event so the history replays to the same state.
   */
  public static Tag cloneTag(Sql sql, Instant at, String actor, String from, String to) {
    Tag src = Tags.require(sql, from);
    Tag dst = Tags.add(sql, at, actor, to, src.arches());
    for (PackageEntry e : Tags.ownPackages(sql, src)) {
      Tags.setPackage(sql, at, actor, to, e.name(), e.owner(), e.blocked());
    }
    for (TaggedBuild tb : list(sql, from, Query.all())) {
      tag(sql, at, Caller.local(actor), to, tb.build().nvr());
    }
    History.record(sql, at, actor, "clone-tag", to, null, "from " + from);
    return dst;
  }
}
