package org.debforge.orchestrator.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildFile;

/** The log viewer: one page of a build's text file, searched on the server ({@link LogView}). */
public final class LogPages {
  static final int LOG_PAGE = 500;

  private final Orchestrator o;
  private final WebRoutes web;

  LogPages(Orchestrator o, WebRoutes web) {
    this.o = o;
    this.web = web;
  }

  public record LogPage(
      Layout layout,
      String build,
      String buildHref,
      String name,
      String q,
      String mode,
      String raw,
      List<LogView.Line> lines,
      int matches,
      Pager pager) {}

  void log(Context ctx) throws IOException {
    Build b = o.build(ctx.pathParam("build"));
    BuildFile f = BuildPages.file(b, ctx.pathParam("name"));
    if (!BuildPages.TEXT.contains(f.kind())) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, f.name() + " is not a text file", "download it from the build page");
    }
    Layout layout =
        web.layout(
            ctx,
            f.name() + " of " + b.nvr(),
            "builds",
            new Crumb("Builds", "/builds"),
            new Crumb(b.nvr(), Href.path("builds", b.nvr())),
            new Crumb(f.name(), null));
    String q = BuildPages.blankToNull(ctx.queryParam("q"));
    String mode = "highlight".equals(ctx.queryParam("mode")) ? "highlight" : "filter";
    int page = Pager.requested(ctx.queryParam("page"));
    String self = Href.path("builds", b.nvr(), "logs", f.name());
    LogView.Result r;
    try (InputStream in = Files.newInputStream(BuildPages.stored(o, f))) {
      r = LogView.read(in, q, mode.equals("filter"), (page - 1) * LOG_PAGE, LOG_PAGE);
    }
    Pager pager =
        Pager.of(
            r.shown(),
            page,
            LOG_PAGE,
            n ->
                Href.of(self)
                    .with("q", q)
                    .with("mode", q == null ? null : mode)
                    .with("page", n)
                    .toString());
    if (pager.page() != page && page > 1) {
      // Past the end: read the last page instead.
      try (InputStream in = Files.newInputStream(BuildPages.stored(o, f))) {
        r = LogView.read(in, q, mode.equals("filter"), pager.from(), LOG_PAGE);
      }
    }
    web.render(
        ctx,
        200,
        "log.jte",
        new LogPage(
            layout,
            b.nvr(),
            Href.path("builds", b.nvr()),
            f.name(),
            q,
            mode,
            Href.path("builds", b.nvr(), "files", f.name()),
            r.lines(),
            r.matches(),
            pager));
  }
}
