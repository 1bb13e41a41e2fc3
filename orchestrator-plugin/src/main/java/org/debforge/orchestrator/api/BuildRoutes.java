package org.debforge.orchestrator.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static org.debforge.orchestrator.api.Access.ADMIN;
import static org.debforge.orchestrator.api.Access.READ;
import static org.debforge.orchestrator.api.RestApi.json;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildFile;
import org.debforge.orchestrator.build.BuildState;
import org.debforge.orchestrator.json.JsonViews;

/** Routes on one build beyond buildinfo: delete-build, and download of its files by name. */
final class BuildRoutes {
  private final Orchestrator o;
  private final RestApi api;

  BuildRoutes(Orchestrator o, RestApi api) {
    this.o = o;
    this.api = api;
  }

  void register() {
    api.route(DELETE, ApiRoutes.API + "/builds/{build}", ADMIN, this::deleteBuild);
    api.route(GET, ApiRoutes.API + "/builds/{build}/files/{name}", READ, this::file);
  }

  /** Koji's delete-build is an admin operation. */
  private void deleteBuild(Context ctx) {
    String actor = Access.caller(ctx).name();
    json(ctx, 200, JsonViews.build(o.deleteBuild(actor, ctx.pathParam("build"))));
  }

  /**
   * A build's file by the name it has in the build ({@code buildinfo}). The name is looked up in
   * the build's file list, never used as a path; a name that could be one is refused outright so
   * that clients probing for traversal get a clear 400.
   */
  private void file(Context ctx) throws IOException {
    String name = ctx.pathParam("name");
    if (!isPlainName(name)) {
      throw new DebforgeException(
          ErrorKind.UNSAFE_INPUT,
          "'" + name.replaceAll("\\p{Cntrl}", "?") + "' is not a file name",
          "name a file as buildinfo lists it (no '/', '\\\\', '..' or control characters)");
    }
    Build b = o.build(ctx.pathParam("build"));
    BuildFile f =
        b.files().stream()
            .filter(x -> x.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new DebforgeException(
                        ErrorKind.NOT_FOUND,
                        b.nvr() + " has no file '" + name + "'",
                        "see 'deb-orchestrator buildinfo " + b.nvr() + "'"));
    Path p =
        o.blob(f.sha256())
            .orElseThrow(
                () ->
                    new DebforgeException(
                        ErrorKind.NOT_FOUND,
                        b.nvr()
                            + ": "
                            + name
                            + " is no longer stored"
                            + (b.state() == BuildState.DELETED ? " (the build is deleted)" : ""),
                        null));
    ctx.header("Content-Length", String.valueOf(Files.size(p)));
    ctx.header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"");
    ctx.header("ETag", "\"" + f.sha256() + "\"");
    ctx.contentType("application/octet-stream").result(Files.newInputStream(p));
  }

  static boolean isPlainName(String name) {
    return !name.isEmpty()
        && name.length() <= 255
        && !name.equals(".")
        && !name.equals("..")
        && name.indexOf('/') < 0
        && name.indexOf('\\') < 0
        && name.chars().noneMatch(c -> c < 0x20 || c == 0x7f)
        && !name.contains("%");
  }
}
