package org.debforge.ostree.sysroot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A deployment's origin file ({@code ostree/deploy/OS/deploy/CSUM.SERIAL.origin}), the GLib key
 * file ostree and rpm-ostree share: where the deployment came from and what was asked of it, so
 * that {@code upgrade} re-applies the same requests on a new base. The groups and keys are
 * rpm-ostree's: {@code [origin] refspec} for a plain base, {@code baserefspec} once packages are
 * layered (so a plain {@code ostree admin upgrade}, which reads only {@code refspec}, refuses
 * rather than silently dropping the layer), {@code override-commit} for {@code deploy REV}, {@code
 * [packages] requested}, {@code [overrides] remove}, {@code [rpmostree] regenerate-initramfs}, and
 * ostree's own {@code [libostree-transient] pinned}. Groups and keys this tool does not know are
 * kept as read.
 *
 * @param requested layered package requests (apt syntax: {@code name[:arch][=version]}), in order
 * @param removals base packages removed by {@code override remove}
 * @param others every other group and key, kept on rewrite
 */
public record Origin(
    String refspec,
    Optional<String> overrideCommit,
    List<String> requested,
    List<String> removals,
    boolean regenerateInitramfs,
    boolean pinned,
    Map<String, Map<String, String>> others) {

  /** An origin is a few lines; anything far larger is not one. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final String PACKAGE = "[a-z0-9][a-z0-9+.-]*(:[a-z0-9-]+)?(=[A-Za-z0-9.+~:-]+)?";

  public Origin {
    if (refspec == null || refspec.isBlank() || !refspec.matches("[^\\s;\\[\\]=]+")) {
      throw new IllegalArgumentException("refspec '" + refspec + "' is not a ref or remote:ref");
    }
    overrideCommit.ifPresent(
        c -> {
          if (!c.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("override-commit is not a checksum: " + c);
          }
        });
    requested = List.copyOf(new LinkedHashSet<>(requested));
    removals = List.copyOf(new LinkedHashSet<>(removals));
    for (String p : requested) {
      requirePackage(p);
    }
    for (String p : removals) {
      requirePackage(p);
    }
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    others.forEach((g, m) -> copy.put(g, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
    others = Collections.unmodifiableMap(copy);
  }

  /** A plain base deployment of {@code refspec}. */
  public static Origin of(String refspec) {
    return new Origin(refspec, Optional.empty(), List.of(), List.of(), false, false, Map.of());
  }

  private static void requirePackage(String p) {
    if (!p.matches(PACKAGE)) {
      throw new IllegalArgumentException(
          "'" + p + "' is not a package request (name[:arch][=version])");
    }
  }

  /** Whether the deployment is more than its base: packages layered or base packages removed. */
  public boolean layered() {
    return !requested.isEmpty() || !removals.isEmpty();
  }

  public Origin withRequested(List<String> packages) {
    return new Origin(
        refspec, overrideCommit, packages, removals, regenerateInitramfs, pinned, others);
  }

  public Origin withRemovals(List<String> packages) {
    return new Origin(
        refspec, overrideCommit, requested, packages, regenerateInitramfs, pinned, others);
  }

  public Origin withOverrideCommit(Optional<String> commit) {
    return new Origin(refspec, commit, requested, removals, regenerateInitramfs, pinned, others);
  }

  public Origin withRefspec(String ref) {
    return new Origin(
        ref, overrideCommit, requested, removals, regenerateInitramfs, pinned, others);
  }

  /** A new deployment is never pinned: pinning is a property of one deployment, not carried on. */
  public Origin unpinned() {
    Map<String, Map<String, String>> o = new LinkedHashMap<>(others);
    o.remove("libostree-transient");
    return new Origin(refspec, overrideCommit, requested, removals, regenerateInitramfs, false, o);
  }

  /**
   * Parses an origin file's text.
   *
   * @param file names the file in errors
   * @throws DebforgeException INVALID_INPUT naming the file, line and key; UNSAFE_INPUT when too
   *     large or holding control characters
   */
  public static Origin parse(String text, String file) {
    if (text.length() > MAX_BYTES) {
      throw new DebforgeException(
          ErrorKind.UNSAFE_INPUT,
          file + ": " + text.length() + " characters is too large for an origin file",
          "an origin file is a few lines; restore it from another deployment's");
    }
    Map<String, Map<String, String>> groups = KeyFile.parse(text, file);
    Map<String, String> origin = groups.getOrDefault("origin", Map.of());
    String ref = origin.getOrDefault("refspec", origin.get("baserefspec"));
    if (ref == null) {
      throw invalid(file, "origin", "refspec", "missing", "an origin names its base: refspec=REF");
    }
    try {
      Optional<String> commit = Optional.ofNullable(origin.get("override-commit"));
      List<String> requested =
          KeyFile.list(groups.getOrDefault("packages", Map.of()).getOrDefault("requested", ""));
      List<String> removals =
          KeyFile.list(groups.getOrDefault("overrides", Map.of()).getOrDefault("remove", ""));
      boolean initramfs =
          bool(
              file,
              "rpmostree",
              "regenerate-initramfs",
              groups.getOrDefault("rpmostree", Map.of()));
      boolean pinned =
          bool(
              file,
              "libostree-transient",
              "pinned",
              groups.getOrDefault("libostree-transient", Map.of()));
      Map<String, Map<String, String>> others = new LinkedHashMap<>();
      groups.forEach(
          (g, m) -> {
            Map<String, String> rest = new LinkedHashMap<>(m);
            switch (g) {
              case "origin" ->
                  rest.keySet().removeAll(List.of("refspec", "baserefspec", "override-commit"));
              case "packages" -> rest.remove("requested");
              case "overrides" -> rest.remove("remove");
              case "rpmostree" -> rest.remove("regenerate-initramfs");
              default -> {}
            }
            if (!rest.isEmpty() || g.equals("libostree-transient")) {
              others.put(g, rest);
            }
          });
      others.computeIfPresent(
          "libostree-transient",
          (g, m) -> {
            m.remove("pinned");
            return m.isEmpty() ? null : m;
          });
      return new Origin(ref, commit, requested, removals, initramfs, pinned, others);
    } catch (IllegalArgumentException e) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          file + ": " + e.getMessage(),
          "fix the origin file or redeploy with apt-ostree deploy/rebase");
    }
  }

  private static boolean bool(String file, String group, String key, Map<String, String> m) {
    String v = m.get(key);
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw invalid(file, group, key, "'" + v + "' is not a boolean", "write true or false");
  }

  static DebforgeException invalid(
      String file, String group, String key, String what, String hint) {
    return new DebforgeException(
        ErrorKind.INVALID_INPUT, file + ": [" + group + "] " + key + ": " + what, hint);
  }

  /** The key file text, groups in a fixed order so the same origin is always the same bytes. */
  public String write() {
    Map<String, Map<String, String>> g = new LinkedHashMap<>();
    Map<String, String> o = new LinkedHashMap<>();
    o.put(layered() ? "baserefspec" : "refspec", refspec);
    overrideCommit.ifPresent(c -> o.put("override-commit", c));
    o.putAll(others.getOrDefault("origin", Map.of()));
    g.put("origin", o);
    if (!requested.isEmpty()) {
      g.put("packages", merged("packages", "requested", KeyFile.joinList(requested)));
    }
    if (!removals.isEmpty()) {
      g.put("overrides", merged("overrides", "remove", KeyFile.joinList(removals)));
    }
    if (regenerateInitramfs) {
      g.put("rpmostree", merged("rpmostree", "regenerate-initramfs", "true"));
    }
    if (pinned) {
      g.put("libostree-transient", merged("libostree-transient", "pinned", "true"));
    }
    others.forEach((name, m) -> g.putIfAbsent(name, m));
    return KeyFile.write(g);
  }

  private Map<String, String> merged(String group, String key, String value) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(key, value);
    m.putAll(others.getOrDefault(group, Map.of()));
    return m;
  }

  /** The requests as names only (arch and version dropped), for status and comparisons. */
  public static List<String> names(List<String> requests) {
    List<String> out = new ArrayList<>();
    for (String r : requests) {
      out.add(r.replaceAll("[:=].*", ""));
    }
    return out;
  }
}
