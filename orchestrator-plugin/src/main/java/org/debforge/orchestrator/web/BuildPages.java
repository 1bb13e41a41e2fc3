package org.debforge.orchestrator.web;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildFile;
import org.debforge.orchestrator.build.BuildState;
import org.debforge.orchestrator.tag.Tag;
import org.debforge.orchestrator.tag.TaggedBuild;
import org.debforge.orchestrator.tag.Tagging;

/** Builds: the list with filters, one build, its logs, its files; tag/untag from a build. */
public final class BuildPages {
  static final int PAGE_SIZE = 50;

  /** Kinds shown as text in the log viewer; others are downloads only. */
  static final Set<String> TEXT = Set.of("log", "changes", "buildinfo", "dsc", "result");

  private final Orchestrator o;
  private final Session session;
  private final WebRoutes web;

  BuildPages(Orchestrator o, Session session, WebRoutes web) {
    this.o = o;
    this.session = session;
    this.web = web;
  }

  void register() {
    web.page(GET, "/builds", this::list);
    web.page(GET, "/builds/{build}", this::detail);
    web.page(GET, "/builds/{build}/logs/{name}", new LogPages(o, web)::log);
    web.page(GET, "/builds/{build}/files/{name}", this::download);
    web.page(POST, "/builds/{build}/tag", this::tag);
    web.page(POST, "/builds/{build}/untag", this::untag);
  }

  public record Row(
      String nvr,
      String href,
      String source,
      String version,
      String state,
      String arches,
      String user,
      String at) {
    static Row of(Build b) {
      return new Row(
          b.nvr(),
          Href.path("builds", b.nvr()),
          b.source(),
          b.version(),
          b.state().name(),
          String.join(" ", b.architectures()),
          b.provenance().user(),
          EventRow.time(b.provenance().at()));
    }
  }

  public record ListPage(
      Layout layout,
      String pkg,
      String state,
      String tag,
      List<String> states,
      List<String> tags,
      List<Row> rows,
      Pager pager) {}

  private void list(Context ctx) {
    Layout layout = web.layout(ctx, "Builds", "builds", new Crumb("Builds", null));
    String pkg = blankToNull(ctx.queryParam("package"));
    String state = blankToNull(ctx.queryParam("state"));
    String tag = blankToNull(ctx.queryParam("tag"));
    Set<Long> inTag =
        tag == null
            ? null
            : o.listTagged(tag, Tagging.Query.all()).stream()
                .map(t -> t.build().id())
                .collect(Collectors.toSet());
    List<Build> all = new ArrayList<>(o.listBuilds());
    all.sort(Comparator.comparingLong(Build::id).reversed()); // newest first, as Koji's list
    List<Row> rows =
        all.stream()
            .filter(b -> pkg == null || b.source().contains(pkg) || b.binaries().contains(pkg))
            .filter(b -> state == null || b.state().name().equalsIgnoreCase(state))
            .filter(b -> inTag == null || inTag.contains(b.id()))
            .map(Row::of)
            .toList();
    Pager pager =
        Pager.of(
            rows.size(),
            Pager.requested(ctx.queryParam("page")),
            PAGE_SIZE,
            n ->
                Href.of("/builds")
                    .with("package", pkg)
                    .with("state", state)
                    .with("tag", tag)
                    .with("page", n)
                    .toString());
    List<String> states = Arrays.stream(BuildState.values()).map(Enum::name).toList();
    List<String> tags = o.listTags().stream().map(Tag::name).toList();
    web.render(
        ctx,
        200,
        "builds.jte",
        new ListPage(layout, pkg, state, tag, states, tags, pager.slice(rows), pager));
  }

  public record FileRow(
      String name, String kind, String arch, long size, String sha256, String href, String view) {}

  /** One architecture's part of the build: its .changes and who imported it, when, from where. */
  public record PartRow(String arch, String changes, String user, String at, String jenkins) {}

  public record Field(String key, String value) {}

  /** Where the build is tagged; {@code untag} when the viewer may untag it there. */
  public record TagRef(String tag, String href, String taggedBy, String at, boolean untag) {}

  public record DetailPage(
      Layout layout,
      Row build,
      String distribution,
      String binaries,
      String contentSha256,
      String jenkinsUrl,
      String jenkinsJob,
      Integer jenkinsNumber,
      List<PartRow> parts,
      List<FileRow> files,
      List<Field> result,
      List<TagRef> tags,
      List<String> taggable,
      List<ComposePages.Row> composes,
      List<EventRow> history) {}

  private void detail(Context ctx) {
    Build b = o.build(ctx.pathParam("build"));
    Layout layout =
        web.layout(
            ctx, b.nvr(), "builds", new Crumb("Builds", "/builds"), new Crumb(b.nvr(), null));
    List<FileRow> files = new ArrayList<>();
    List<Field> result = List.of();
    for (BuildFile f : b.files()) {
      String base = Href.path("builds", b.nvr());
      files.add(
          new FileRow(
              f.name(),
              f.kind(),
              f.arch() == null ? "" : f.arch(),
              f.size(),
              f.sha256(),
              base + Href.path("files", f.name()),
              TEXT.contains(f.kind()) ? base + Href.path("logs", f.name()) : null));
      if (f.kind().equals("result")) {
        result = resultSummary(f);
      }
    }
    boolean canTag = layout.canTag();
    List<TagRef> tags = new ArrayList<>();
    List<String> taggable = new ArrayList<>();
    for (Tag t : o.listTags()) {
      TaggedBuild in =
          o.listTagged(t.name(), new Tagging.Query(false, false, null, b.source())).stream()
              .filter(x -> x.build().id() == b.id())
              .findFirst()
              .orElse(null);
      boolean may = canTag && layout.viewer().mayChange(t);
      if (in != null) {
        tags.add(
            new TagRef(
                t.name(),
                Href.path("tags", t.name()),
                in.taggedBy(),
                EventRow.time(in.taggedAt()),
                may));
      } else if (may) {
        taggable.add(t.name());
      }
    }
    var p = b.provenance();
    String jenkinsUrl =
        p.jenkinsUrl() != null && p.jenkinsUrl().matches("(?i)https?://.+") ? p.jenkinsUrl() : null;
    web.render(
        ctx,
        200,
        "build.jte",
        new DetailPage(
            layout,
            Row.of(b),
            b.distribution(),
            String.join(" ", b.binaries()),
            b.contentSha256(),
            jenkinsUrl,
            p.jenkinsJob(),
            p.jenkinsNumber(),
            b.parts().stream()
                .map(
                    part ->
                        new PartRow(
                            part.arch(),
                            part.changes(),
                            part.provenance().user(),
                            EventRow.time(part.provenance().at()),
                            part.provenance().jenkinsJob() == null
                                ? ""
                                : part.provenance().jenkinsJob()
                                    + (part.provenance().jenkinsNumber() == null
                                        ? ""
                                        : " #" + part.provenance().jenkinsNumber())))
                .toList(),
            files,
            result,
            tags,
            taggable,
            o.composesWithBuild(b.nvr()).stream().map(ComposePages.Row::of).toList(),
            o.history(null, b.nvr()).stream().map(EventRow::of).toList()));
  }

  /** result.json's scalar fields, nested objects flattened as {@code a.b}; lists summarised. */
  private List<Field> resultSummary(BuildFile f) {
    List<Field> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(stored(o, f))) {
      flatten("", new ObjectMapper().readTree(in), out);
    } catch (IOException e) {
      out.add(new Field("(unreadable)", e.getMessage()));
    }
    return out;
  }

  private static void flatten(String prefix, JsonNode n, List<Field> out) {
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (n.isArray()) {
      List<String> items = new ArrayList<>();
      n.forEach(x -> items.add(x.isValueNode() ? x.asText() : "{...}"));
      out.add(new Field(prefix, String.join(", ", items)));
    } else {
      out.add(new Field(prefix, n.asText()));
    }
  }

  private void download(Context ctx) throws IOException {
    session.read(ctx);
    Build b = o.build(ctx.pathParam("build"));
    BuildFile f = file(b, ctx.pathParam("name"));
    Path p = stored(o, f);
    boolean text = TEXT.contains(f.kind());
    ctx.header("Content-Length", String.valueOf(Files.size(p)));
    // Logs open in the browser as plain text (never as HTML); everything else downloads.
    ctx.header(
        "Content-Disposition",
        (text ? "inline" : "attachment")
            + "; filename=\""
            + f.name().replaceAll("[^A-Za-z0-9._+~-]", "_")
            + "\"");
    ctx.contentType(text ? "text/plain; charset=utf-8" : "application/octet-stream")
        .result(Files.newInputStream(p));
  }

  private void tag(Context ctx) {
    String nvr = o.build(ctx.pathParam("build")).nvr();
    String tag = required(ctx, "tag");
    Viewer v = session.postToTag(ctx, tag);
    o.tagBuild(v.caller(), tag, nvr);
    ctx.redirect(Href.path("builds", nvr), HttpStatus.SEE_OTHER);
  }

  private void untag(Context ctx) {
    String nvr = o.build(ctx.pathParam("build")).nvr();
    String tag = required(ctx, "tag");
    Viewer v = session.postToTag(ctx, tag);
    o.untagBuild(v.caller(), tag, nvr);
    ctx.redirect(Href.path("builds", nvr), HttpStatus.SEE_OTHER);
  }

  static String required(Context ctx, String field) {
    String v = blankToNull(ctx.formParam(field));
    if (v == null) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT, "the form field '" + field + "' is empty", "fill it in");
    }
    return v.trim();
  }

  static BuildFile file(Build b, String name) {
    return b.files().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new DebforgeException(
                    ErrorKind.NOT_FOUND,
                    "build " + b.nvr() + " has no file '" + name + "'",
                    "see the build's page for its files"));
  }

  static Path stored(Orchestrator o, BuildFile f) {
    return o.blob(f.sha256())
        .orElseThrow(
            () ->
                new DebforgeException(
                    ErrorKind.NOT_FOUND,
                    "the pool has lost " + f.name() + " (sha256 " + f.sha256() + ")",
                    "run 'deb-orchestrator gc' only with a grace period; restore the pool"));
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
