package org.debforge.orchestrator.web;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.tag.Inheritance;
import org.debforge.orchestrator.tag.InheritanceLink;
import org.debforge.orchestrator.tag.Tag;
import org.debforge.orchestrator.tag.TagInfo;
import org.debforge.orchestrator.tag.TaggedBuild;
import org.debforge.orchestrator.tag.Tagging;
import org.debforge.orchestrator.tag.Target;

/** Tags (list, one tag with inheritance, builds and history; tag/untag) and targets. */
public final class TagPages {
  static final int HISTORY = 200;

  private final Orchestrator o;
  private final Session session;
  private final WebRoutes web;

  TagPages(Orchestrator o, Session session, WebRoutes web) {
    this.o = o;
    this.session = session;
    this.web = web;
  }

  void register() {
    web.page(GET, "/tags", this::list);
    web.page(GET, "/tags/{tag}", this::detail);
    web.page(POST, "/tags/{tag}/tag", this::tag);
    web.page(POST, "/tags/{tag}/untag", this::untag);
    web.page(GET, "/targets", this::targets);
  }

  public record TagRow(String name, String href, String arches, boolean locked, String created) {
    static TagRow of(Tag t) {
      return new TagRow(
          t.name(),
          Href.path("tags", t.name()),
          String.join(" ", t.arches()),
          t.locked(),
          EventRow.time(t.created()));
    }
  }

  public record ListPage(Layout layout, List<TagRow> tags) {}

  private void list(Context ctx) {
    Layout layout = web.layout(ctx, "Tags", "tags", new Crumb("Tags", null));
    web.render(
        ctx, 200, "tags.jte", new ListPage(layout, o.listTags().stream().map(TagRow::of).toList()));
  }

  /** One line of the resolved inheritance, indented by depth (0: the tag itself). */
  public record Ancestor(String name, String href, int depth, String filters, boolean noconfig) {
    static Ancestor of(Inheritance.Ancestor a) {
      return new Ancestor(
          a.name(),
          Href.path("tags", a.name()),
          a.depth(),
          String.join(" and ", a.filters()),
          a.noconfig());
    }

    /** CSS class for the indent, capped so a deep chain stays on screen. */
    public String indent() {
      return "depth-" + Math.min(depth, 8);
    }
  }

  public record Tagged(
      String nvr,
      String href,
      String source,
      String version,
      String tag,
      String tagHref,
      boolean direct,
      String taggedBy,
      String at) {}

  public record DetailPage(
      Layout layout,
      TagRow tag,
      String effectiveArches,
      List<InheritanceLink> parents,
      List<Ancestor> inheritance,
      List<Tagged> builds,
      boolean latest,
      boolean inherit,
      List<org.debforge.orchestrator.tag.PackageEntry> packages,
      List<Target> targets,
      List<EventRow> history,
      int historyTotal,
      boolean canChange) {}

  private void detail(Context ctx) {
    TagInfo info = o.tagInfo(ctx.pathParam("tag"));
    String name = info.tag().name();
    Layout layout =
        web.layout(ctx, name, "tags", new Crumb("Tags", "/tags"), new Crumb(name, null));
    boolean latest = flag(ctx, "latest");
    boolean inherit = flag(ctx, "inherit");
    List<Tagged> builds =
        o.listTagged(name, new Tagging.Query(inherit, latest, null, null)).stream()
            .map(t -> tagged(t, name))
            .toList();
    List<EventRow> history =
        new ArrayList<>(o.history(name, null).stream().map(EventRow::of).toList());
    Collections.reverse(history); // newest first
    boolean canChange = layout.canTag() && layout.viewer().mayChange(info.tag());
    web.render(
        ctx,
        200,
        "tag.jte",
        new DetailPage(
            layout,
            TagRow.of(info.tag()),
            String.join(" ", info.effectiveArches()),
            info.parents(),
            info.inheritance().stream().map(Ancestor::of).toList(),
            builds,
            latest,
            inherit,
            info.packages(),
            info.targets(),
            history.subList(0, Math.min(HISTORY, history.size())),
            history.size(),
            canChange));
  }

  private static Tagged tagged(TaggedBuild t, String asked) {
    var b = t.build();
    return new Tagged(
        b.nvr(),
        Href.path("builds", b.nvr()),
        b.source(),
        b.version(),
        t.tag(),
        Href.path("tags", t.tag()),
        t.tag().equals(asked),
        t.taggedBy(),
        EventRow.time(t.taggedAt()));
  }

  private void tag(Context ctx) {
    String tag = o.tag(ctx.pathParam("tag")).name();
    Viewer v = session.postToTag(ctx, tag);
    o.tagBuild(v.caller(), tag, BuildPages.required(ctx, "build"));
    ctx.redirect(Href.path("tags", tag), HttpStatus.SEE_OTHER);
  }

  private void untag(Context ctx) {
    String tag = o.tag(ctx.pathParam("tag")).name();
    Viewer v = session.postToTag(ctx, tag);
    o.untagBuild(v.caller(), tag, BuildPages.required(ctx, "build"));
    ctx.redirect(Href.path("tags", tag), HttpStatus.SEE_OTHER);
  }

  public record TargetRow(
      String name, String buildTag, String buildHref, String destTag, String destHref) {}

  public record TargetsPage(Layout layout, List<TargetRow> targets) {}

  private void targets(Context ctx) {
    Layout layout = web.layout(ctx, "Targets", "targets", new Crumb("Targets", null));
    List<TargetRow> rows =
        o.targets().stream()
            .map(
                t ->
                    new TargetRow(
                        t.name(),
                        t.buildTag(),
                        Href.path("tags", t.buildTag()),
                        t.destTag(),
                        Href.path("tags", t.destTag())))
            .toList();
    web.render(ctx, 200, "targets.jte", new TargetsPage(layout, rows));
  }

  private static boolean flag(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v != null && (v.equals("on") || v.equals("true") || v.equals("1"));
  }
}
