package org.debforge.orchestrator.web;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.version.DebianVersion;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.tag.Tag;
import org.debforge.orchestrator.tag.TaggedBuild;
import org.debforge.orchestrator.tag.Tagging;

/** Source packages (each with its versions across tags) and the search page. */
public final class PackagePages {
  private final Orchestrator o;
  private final WebRoutes web;

  PackagePages(Orchestrator o, Session session, WebRoutes web) {
    this.o = o;
    this.web = web;
  }

  void register() {
    web.page(GET, "/packages", this::list);
    web.page(GET, "/packages/{package}", this::detail);
    web.page(GET, "/search", this::search);
  }

  public record PackageRow(
      String name, String href, int builds, String newest, String newestHref) {}

  public record ListPage(Layout layout, List<PackageRow> packages) {}

  private List<PackageRow> packages(List<Build> builds) {
    Map<String, List<Build>> bySource = new TreeMap<>();
    builds.forEach(b -> bySource.computeIfAbsent(b.source(), k -> new ArrayList<>()).add(b));
    List<PackageRow> rows = new ArrayList<>();
    bySource.forEach(
        (name, bs) -> {
          Build newest = bs.stream().max(byVersion()).orElseThrow();
          rows.add(
              new PackageRow(
                  name,
                  Href.path("packages", name),
                  bs.size(),
                  newest.version(),
                  Href.path("builds", newest.nvr())));
        });
    return rows;
  }

  private void list(Context ctx) {
    Layout layout = web.layout(ctx, "Packages", "packages", new Crumb("Packages", null));
    web.render(ctx, 200, "packages.jte", new ListPage(layout, packages(o.listBuilds())));
  }

  /** One version of the package and the tags it is tagged in directly. */
  public record VersionRow(
      String version, String nvr, String href, String state, List<String> tags) {}

  /** Per tag: what {@code latest-build TAG PKG} answers (with inheritance), and from where. */
  public record LatestRow(String tag, String tagHref, String nvr, String href, String from) {}

  public record DetailPage(
      Layout layout, String name, List<VersionRow> versions, List<LatestRow> latest) {}

  private void detail(Context ctx) {
    String name = ctx.pathParam("package");
    List<Build> builds =
        o.listBuilds().stream()
            .filter(b -> b.source().equals(name))
            .sorted(byVersion().reversed())
            .toList();
    if (builds.isEmpty()) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          "no build of source package '" + name + "'",
          "see the packages list");
    }
    Layout layout =
        web.layout(
            ctx, name, "packages", new Crumb("Packages", "/packages"), new Crumb(name, null));
    Map<Long, List<String>> tagsOf = new TreeMap<>();
    List<LatestRow> latest = new ArrayList<>();
    for (Tag t : o.listTags()) {
      for (TaggedBuild tb : o.listTagged(t.name(), new Tagging.Query(false, false, null, name))) {
        tagsOf.computeIfAbsent(tb.build().id(), k -> new ArrayList<>()).add(t.name());
      }
      o.listTagged(t.name(), new Tagging.Query(true, true, null, name)).stream()
          .findFirst()
          .ifPresent(
              tb ->
                  latest.add(
                      new LatestRow(
                          t.name(),
                          Href.path("tags", t.name()),
                          tb.build().nvr(),
                          Href.path("builds", tb.build().nvr()),
                          tb.tag())));
    }
    List<VersionRow> versions =
        builds.stream()
            .map(
                b ->
                    new VersionRow(
                        b.version(),
                        b.nvr(),
                        Href.path("builds", b.nvr()),
                        b.state().name(),
                        tagsOf.getOrDefault(b.id(), List.of())))
            .toList();
    web.render(ctx, 200, "package.jte", new DetailPage(layout, name, versions, latest));
  }

  public record SearchPage(
      Layout layout,
      String q,
      List<PackageRow> packages,
      List<BuildPages.Row> builds,
      List<TagPages.TagRow> tags) {}

  private void search(Context ctx) {
    String q = BuildPages.blankToNull(ctx.queryParam("q"));
    Layout layout =
        web.layout(ctx, q == null ? "Search" : "Search: " + q, "search", new Crumb("Search", null));
    if (q == null) {
      web.render(
          ctx, 200, "search.jte", new SearchPage(layout, null, List.of(), List.of(), List.of()));
      return;
    }
    String needle = q.toLowerCase(Locale.ROOT);
    List<Build> all = o.listBuilds();
    List<Build> matching =
        all.stream()
            .filter(
                b ->
                    b.nvr().toLowerCase(Locale.ROOT).contains(needle)
                        || b.binaries().stream()
                            .anyMatch(x -> x.toLowerCase(Locale.ROOT).contains(needle)))
            .sorted(Comparator.comparingLong(Build::id).reversed())
            .toList();
    web.render(
        ctx,
        200,
        "search.jte",
        new SearchPage(
            layout,
            q,
            packages(matching),
            matching.stream().limit(100).map(BuildPages.Row::of).toList(),
            o.listTags().stream()
                .filter(t -> t.name().toLowerCase(Locale.ROOT).contains(needle))
                .map(TagPages.TagRow::of)
                .toList()));
  }

  private static Comparator<Build> byVersion() {
    return (a, b) -> DebianVersion.compare(a.version(), b.version());
  }
}
