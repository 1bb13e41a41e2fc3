package org.debforge.core.resolve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.debforge.core.FormatException;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;

/**
 * apt's External Dependency Solver Protocol, version 0.5 (apt's
 * doc/external-dependency-solver-protocol.md): the scenario apt writes (a request stanza, then one
 * stanza per package version, with {@code APT-ID}, {@code Installed}, {@code APT-Candidate}) and
 * the answer it reads back ({@code Install:}/{@code Remove:} stanzas naming APT-IDs, or an {@code
 * Error:} stanza).
 */
final class Edsp {
  private Edsp() {}

  /** A parsed scenario. */
  record Scenario(
      Paragraph request,
      PackageUniverse universe,
      List<InstallRequest> install,
      List<InstallRequest> remove) {}

  static Scenario read(byte[] input, String source) {
    List<Paragraph> stanzas = new ArrayList<>();
    Deb822.forEach(input, source, Deb822.Options.STRICT, stanzas::add);
    if (stanzas.isEmpty() || !stanzas.get(0).has("Request")) {
      throw new FormatException(
          source,
          1,
          "Request",
          "no request stanza",
          "an EDSP scenario starts with 'Request: EDSP 0.5'");
    }
    Paragraph request = stanzas.get(0);
    String version = request.value("Request").strip();
    if (!version.startsWith("EDSP 0.")) {
      throw request.error(
          "Request", "unsupported protocol '" + version + "'", "this solver speaks EDSP 0.5");
    }
    for (String unsupported : new String[] {"Upgrade-All", "Dist-Upgrade", "Upgrade"}) {
      String v = request.value(unsupported);
      if (v != null && v.strip().equalsIgnoreCase("yes")) {
        throw request.error(
            unsupported,
            "upgrades are not supported by this solver",
            "use apt's internal solver for upgrade and dist-upgrade");
      }
    }
    String nativeArch = request.require("Architecture").strip();
    List<String> foreign = new ArrayList<>();
    for (String a : request.get("Architectures").orElse(nativeArch).strip().split("\\s+")) {
      if (!a.equals(nativeArch) && !a.isEmpty()) {
        foreign.add(a);
      }
    }
    List<Paragraph> packages = new ArrayList<>(stanzas.subList(1, stanzas.size()));
    // apt writes stanzas in hash order; its version ids follow the order it read them, which is
    // the order its package ids (the last tie-break between providers) follow too.
    packages.sort(Comparator.comparingLong(Edsp::aptId));
    PackageUniverse.Loader loader = new PackageUniverse.Loader(nativeArch, foreign);
    for (Paragraph p : packages) {
      boolean installed = yes(p, "Installed");
      PackageVersion v = loader.add(p, yes(p, "APT-Candidate") ? 0 : 1, installed);
      if (v != null && yes(p, "Hold")) {
        v.pkg.held = true;
      }
    }
    loader.finishWithCandidates(v -> v.paragraph() != null && yes(v.paragraph(), "APT-Candidate"));
    PackageUniverse universe = PackageUniverse.of(loader);
    return new Scenario(
        request, universe, requests(request, "Install"), requests(request, "Remove"));
  }

  private static List<InstallRequest> requests(Paragraph request, String field) {
    List<InstallRequest> out = new ArrayList<>();
    String v = request.value(field);
    if (v != null) {
      for (String w : v.strip().split("\\s+")) {
        if (!w.isEmpty()) {
          out.add(InstallRequest.parse(w));
        }
      }
    }
    return out;
  }

  static long aptId(Paragraph p) {
    String id = p.value("APT-ID");
    if (id == null) {
      throw p.error("APT-ID", "missing", "apt gives every version of an EDSP scenario an APT-ID");
    }
    try {
      return Long.parseLong(id.strip());
    } catch (NumberFormatException e) {
      throw p.error("APT-ID", "'" + id + "' is not a number", null);
    }
  }

  private static boolean yes(Paragraph p, String field) {
    String v = p.value(field);
    return v != null && v.strip().equalsIgnoreCase("yes");
  }

  /** The answer stanzas for a resolution. */
  static String answer(Resolution r) {
    StringBuilder sb = new StringBuilder();
    if (!r.satisfiable()) {
      sb.append("Error: debforge-unsatisfiable\nMessage:");
      for (String line : r.explanation().orElseThrow().render().split("\n")) {
        sb.append("\n ").append(line.isBlank() ? "." : line);
      }
      return sb.append("\n\n").toString();
    }
    for (PackageVersion v : r.install()) {
      stanza(sb, "Install", v);
    }
    for (PackageVersion v : r.remove()) {
      stanza(sb, "Remove", v);
    }
    return sb.toString();
  }

  private static void stanza(StringBuilder sb, String action, PackageVersion v) {
    sb.append(action).append(": ").append(aptId(v.paragraph())).append('\n');
    sb.append("Package: ").append(v.name()).append('\n');
    sb.append("Version: ").append(v.version()).append('\n');
    sb.append("Architecture: ").append(v.paragraph().get("Architecture").orElse(v.arch()).strip());
    sb.append("\n\n");
  }

  static String error(String message) {
    StringBuilder sb = new StringBuilder("Error: debforge-failed\nMessage:");
    for (String line : message.split("\n")) {
      sb.append("\n ").append(line.isBlank() ? "." : line);
    }
    return sb.append("\n\n").toString();
  }
}
