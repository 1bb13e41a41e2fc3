package org.debforge.orchestrator.web;

import static io.javalin.http.HandlerType.GET;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.compose.Compose;
import org.debforge.orchestrator.compose.ComposeMetadata;
import org.debforge.orchestrator.compose.ComposePackage;
import org.debforge.orchestrator.compose.ComposeSummary;
import org.debforge.orchestrator.compose.LockSource;

/** Composes of tumbi-assembler: the list, and one compose with its sources and packages. */
public final class ComposePages {
  static final int PAGE_SIZE = 50;
  static final int PACKAGES_PAGE_SIZE = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Orchestrator o;
  private final WebRoutes web;

  ComposePages(Orchestrator o, WebRoutes web) {
    this.o = o;
    this.web = web;
  }

  void register() {
    web.page(GET, "/composes", this::list);
    web.page(GET, "/composes/{compose}", this::detail);
  }

  public record Row(
      String id,
      String href,
      String release,
      String date,
      String status,
      int packages,
      int linked,
      String user,
      String at) {
    static Row of(ComposeSummary s) {
      return new Row(
          s.composeId(),
          Href.path("composes", s.composeId()),
          s.name() + " " + s.version(),
          s.date() + "." + s.respin(),
          s.status(),
          s.packages(),
          s.linkedPackages(),
          s.importedBy(),
          EventRow.time(s.importedAt()));
    }
  }

  public record ListPage(Layout layout, List<Row> rows, Pager pager) {}

  private void list(Context ctx) {
    Layout layout = web.layout(ctx, "Composes", "composes", new Crumb("Composes", null));
    List<Row> rows = o.listComposes().stream().map(Row::of).toList();
    Pager pager =
        Pager.of(
            rows.size(),
            Pager.requested(ctx.queryParam("page")),
            PAGE_SIZE,
            n -> Href.of("/composes").with("page", n).toString());
    web.render(ctx, 200, "composes.jte", new ListPage(layout, pager.slice(rows), pager));
  }

  /** A source; {@code tagHref} links an orchestrator source's tag when this store has it. */
  public record SourceRow(
      String name,
      String kind,
      String uri,
      String suite,
      String components,
      String tag,
      String tagHref,
      String snapshot) {}

  public record PackageRow(
      String name,
      String version,
      String arch,
      long size,
      String sha256,
      String source,
      String build,
      String buildHref) {}

  public record PhaseRow(String name, String status, String seconds) {}

  public record DetailPage(
      Layout layout,
      Row compose,
      String type,
      String shortName,
      String blueprint,
      String contentSha256,
      List<PhaseRow> phases,
      List<SourceRow> sources,
      List<PackageRow> packages,
      Pager pager) {}

  private void detail(Context ctx) {
    Compose c = o.compose(ctx.pathParam("compose"));
    ComposeMetadata m = c.metadata();
    Layout layout =
        web.layout(
            ctx,
            c.composeId(),
            "composes",
            new Crumb("Composes", "/composes"),
            new Crumb(c.composeId(), null));
    List<String> tags = o.listTags().stream().map(t -> t.name()).toList();
    List<SourceRow> sources = new ArrayList<>();
    for (LockSource s : m.sources()) {
      sources.add(
          new SourceRow(
              s.name(),
              s.kind(),
              s.uri(),
              s.suite(),
              String.join(" ", s.components()),
              s.tag(),
              s.tag() != null && tags.contains(s.tag()) ? Href.path("tags", s.tag()) : null,
              s.snapshot()));
    }
    List<PackageRow> packages = new ArrayList<>();
    for (ComposePackage p : c.packages()) {
      packages.add(
          new PackageRow(
              p.lock().name(),
              p.lock().version(),
              p.lock().arch(),
              p.lock().size(),
              p.lock().sha256(),
              p.lock().source(),
              p.build(),
              p.build() == null ? null : Href.path("builds", p.build())));
    }
    Pager pager =
        Pager.of(
            packages.size(),
            Pager.requested(ctx.queryParam("page")),
            PACKAGES_PAGE_SIZE,
            n -> Href.path("composes", c.composeId()) + "?page=" + n);
    ComposeSummary summary =
        new ComposeSummary(
            c.id(),
            c.composeId(),
            m.name(),
            m.version(),
            m.date(),
            m.respin(),
            m.type(),
            m.status(),
            c.packages().size(),
            (int) c.linkedPackages(),
            c.importedBy(),
            c.importedAt());
    web.render(
        ctx,
        200,
        "compose.jte",
        new DetailPage(
            layout,
            Row.of(summary),
            m.type(),
            m.shortName(),
            m.blueprint(),
            m.contentSha256(),
            phases(m.phasesJson()),
            sources,
            pager.slice(packages),
            pager));
  }

  /** The phases as tumbi-assembler recorded them: name, status and seconds when given. */
  private static List<PhaseRow> phases(String json) {
    List<PhaseRow> out = new ArrayList<>();
    try {
      for (JsonNode p : JSON.readTree(json)) {
        if (p.isObject()) {
          out.add(
              new PhaseRow(
                  text(p, "name"),
                  text(p, "status"),
                  p.path("seconds").isNumber() ? p.get("seconds").asText() : ""));
        }
      }
    } catch (IOException e) {
      // Stored by the importer as valid JSON; an unreadable record shows no phases.
    }
    return out;
  }

  private static String text(JsonNode p, String key) {
    JsonNode n = p.get(key);
    return n == null || !n.isValueNode() ? "" : n.asText();
  }
}
