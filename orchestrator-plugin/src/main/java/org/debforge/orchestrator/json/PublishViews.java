package org.debforge.orchestrator.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.publish.PublishResult;
import org.debforge.orchestrator.publish.PublishSettings;

/**
 * The JSON shapes of publishing (docs/deb-orchestrator.md, "Publishing"), REST and --json alike.
 */
public final class PublishViews {
  private PublishViews() {}

  public static Map<String, Object> settings(String tag, PublishSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tag", tag);
    m.put("suite", s.suite());
    m.put("codename", s.codename());
    m.put("components", s.components());
    m.put("architectures", s.architectures());
    m.put("origin", s.origin());
    m.put("label", s.label());
    m.put("description", s.description());
    m.put("signing_key", s.signingKey());
    m.put("latest_only", s.latestOnly());
    m.put("split_debug", s.splitDebug());
    return m;
  }

  public static Map<String, Object> result(PublishResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tag", r.tag());
    m.put("suite", r.suite());
    m.put("directory", r.directory());
    m.put("builds", r.builds());
    m.put("binaries", r.binaries());
    m.put("sources", r.sources());
    m.put("written", r.written());
    m.put("unchanged", r.unchanged());
    m.put("release_written", r.releaseWritten());
    m.put("pool_linked", r.poolLinked());
    m.put("pool_copied", r.poolCopied());
    m.put("pool_removed", r.poolRemoved());
    m.put("signed_by", r.signedBy());
    m.put("snapshot", r.snapshot());
    m.put("export", r.export());
    m.put("millis", r.millis());
    return m;
  }

  /** {@code base} with the fields {@code body} has replaced; unknown fields are refused. */
  public static PublishSettings merge(PublishSettings base, JsonNode body) {
    List<String> known =
        List.of(
            "suite",
            "codename",
            "components",
            "architectures",
            "origin",
            "label",
            "description",
            "signing_key",
            "latest_only",
            "split_debug");
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!known.contains(f)) {
                throw new DebforgeException(
                    ErrorKind.INVALID_INPUT,
                    "unknown publish setting '" + f + "'",
                    "known: " + String.join(", ", known));
              }
            });
    return new PublishSettings(
        text(body, "suite", base.suite()),
        text(body, "codename", base.codename()),
        words(body, "components", base.components()),
        words(body, "architectures", base.architectures()),
        text(body, "origin", base.origin()),
        text(body, "label", base.label()),
        text(body, "description", base.description()),
        text(body, "signing_key", base.signingKey()),
        body.has("latest_only") ? bool(body, "latest_only") : base.latestOnly(),
        body.has("split_debug") ? bool(body, "split_debug") : base.splitDebug());
  }

  private static String text(JsonNode body, String name, String fallback) {
    JsonNode n = body.get(name);
    if (n == null) {
      return fallback;
    }
    if (n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new DebforgeException(ErrorKind.INVALID_INPUT, "'" + name + "' must be a string", null);
    }
    return n.asText();
  }

  private static List<String> words(JsonNode body, String name, List<String> fallback) {
    JsonNode n = body.get(name);
    if (n == null) {
      return fallback;
    }
    if (!n.isArray()) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT, "'" + name + "' must be a list of strings", null);
    }
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(e.asText()));
    return out;
  }

  private static boolean bool(JsonNode body, String name) {
    JsonNode n = body.get(name);
    if (!n.isBoolean()) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT, "'" + name + "' must be true or false", null);
    }
    return n.asBoolean();
  }
}
