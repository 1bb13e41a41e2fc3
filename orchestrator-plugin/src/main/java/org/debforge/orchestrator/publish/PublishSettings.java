package org.debforge.orchestrator.publish;

import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * How one tag is published as an APT repository.
 *
 * @param components the first is where packages go whose Section names no other listed component
 *     (e.g. {@code contrib/utils} goes to contrib when contrib is listed)
 * @param architectures empty: the tag's architectures (with inheritance)
 * @param origin, label, description optional Release fields (null)
 * @param signingKey path of an OpenPGP secret key file on the publishing host, or a key id of the
 *     publishing user's gpg (see {@code Signer.open}), or null (unsigned)
 * @param latestOnly only the newest build of each package (as list-tagged --latest), else every
 *     tagged version
 * @param splitDebug debug-symbols packages go to {@code COMPONENT/debug} (as Debian's debug archive
 *     keeps them apart), else into their component
 */
public record PublishSettings(
    String suite,
    String codename,
    List<String> components,
    List<String> architectures,
    String origin,
    String label,
    String description,
    String signingKey,
    boolean latestOnly,
    boolean splitDebug) {
  private static final String WORD = "[A-Za-z0-9][A-Za-z0-9.+_-]{0,99}";

  public PublishSettings {
    components = List.copyOf(components);
    architectures = List.copyOf(architectures);
    require("suite", suite, WORD, "e.g. bookworm-updates");
    require("codename", codename, WORD, "e.g. bookworm");
    if (components.isEmpty()) {
      throw invalid("components", "at least one component is needed", "e.g. main");
    }
    for (String c : components) {
      require("components", c, "[a-z0-9][a-z0-9-]{0,49}", "e.g. main contrib non-free-firmware");
    }
    for (String a : architectures) {
      require("architectures", a, "[a-z0-9][a-z0-9-]{0,49}", "Debian names, e.g. amd64 arm64");
      if (a.equals("all")) {
        throw invalid("architectures", "'all' is not an index architecture", "all goes into each");
      }
    }
    for (String[] f :
        new String[][] {{"origin", origin}, {"label", label}, {"description", description}}) {
      if (f[1] != null && (f[1].contains("\n") || f[1].length() > 200)) {
        throw invalid(f[0], "'" + f[1] + "' is not one short line", "write one line of text");
      }
    }
    origin = blankToNull(origin);
    label = blankToNull(label);
    description = blankToNull(description);
    signingKey = blankToNull(signingKey);
  }

  /** What a tag without settings is published with. */
  public static PublishSettings defaults(String tag) {
    return new PublishSettings(
        tag, tag, List.of("main"), List.of(), null, null, null, null, true, true);
  }

  private static void require(String field, String value, String regex, String hint) {
    if (value == null || !value.matches(regex)) {
      throw invalid(field, "invalid " + field + " '" + value + "'", hint);
    }
  }

  private static DebforgeException invalid(String field, String detail, String hint) {
    return new DebforgeException(
        ErrorKind.INVALID_INPUT, "publish setting " + field + ": " + detail, hint);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
