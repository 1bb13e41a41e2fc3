package org.debforge.orchestrator.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.tag.Tag;

/**
 * Serves published repositories read-only: {@code GET /repos/TAG/dists/...} and {@code
 * /repos/TAG/pool/...}. Only plain path segments are accepted (no {@code ..}, {@code .}, hidden
 * names, backslashes or encoded separators), the resolved file must lie below the repository, and
 * nothing but regular files is served.
 */
final class RepoFiles {
  private final Path root;

  RepoFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  void serve(Context ctx) throws IOException {
    String raw = ctx.req().getRequestURI().toLowerCase(Locale.ROOT);
    if (raw.contains("%2e") || raw.contains("%2f") || raw.contains("%5c") || raw.contains("%00")) {
      throw unsafe(ctx.path());
    }
    String tag = Tag.requireName(ctx.pathParam("tag"));
    String path = ctx.pathParam("path");
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.startsWith(".") || part.contains("\\") || part.contains("\0")) {
        throw unsafe(ctx.path());
      }
    }
    Path repo = root.resolve(tag);
    Path file = repo.resolve(path).normalize();
    if (!file.startsWith(repo)
        || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        || !file.toRealPath().startsWith(root.toRealPath())) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          "no file " + path + " in the published repository of tag '" + tag + "'",
          "publish it first: deb-orchestrator publish " + tag);
    }
    String name = file.getFileName().toString();
    ctx.header("Content-Length", String.valueOf(Files.size(file)));
    ctx.contentType(
            name.endsWith("Release") || name.equals("Packages") || name.equals("Sources")
                ? "text/plain; charset=utf-8"
                : "application/octet-stream")
        .result(Files.newInputStream(file));
  }

  private static DebforgeException unsafe(String path) {
    return new DebforgeException(
        ErrorKind.UNSAFE_INPUT,
        "refusing the path '" + path + "'",
        "name a file below /repos/TAG/ with plain path segments");
  }
}
