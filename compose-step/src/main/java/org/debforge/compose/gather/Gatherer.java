package org.debforge.compose.gather;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.debforge.compose.lock.LockedPackage;
import org.debforge.compose.pkgset.PackageSet;
import org.debforge.compose.pkgset.SourceIndex;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.debforge.core.control.Paragraph;
import org.debforge.core.resolve.InstallRequest;
import org.debforge.core.resolve.PackageUniverse;
import org.debforge.core.resolve.PackageVersion;
import org.debforge.core.resolve.Resolution;
import org.debforge.core.resolve.Resolver;

/**
 * Pungi's gather phase: resolves the blueprint's request over the sources' universe with apt's
 * solver (an empty dpkg status: a new root), so the set equals what {@code apt-get install -s}
 * would install into an empty chroot from those sources.
 */
public final class Gatherer {
  private Gatherer() {}

  public static GatherResult gather(PackageSet set, GatherRequest req) {
    Set<String> excluded = Set.copyOf(req.exclude());
    PackageSet.Universe u = set.universe(req.arch(), excluded);
    List<GatherResult.Request> requests = requests(u.universe(), req, excluded);
    List<InstallRequest> parsed = new ArrayList<>();
    for (GatherResult.Request r : requests) {
      try {
        parsed.add(InstallRequest.parse(r.text()));
      } catch (FormatException e) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            "package request '" + r.text() + "' (" + r.reason() + "): " + e.getMessage(),
            "write name, name=version or name:arch");
      }
    }
    Resolver resolver =
        new Resolver(
            u.universe(),
            req.recommends() ? Resolver.Options.WITH_RECOMMENDS : Resolver.Options.NO_RECOMMENDS);
    Resolution res = resolver.resolve(parsed);
    if (!res.satisfiable()) {
      String tree = res.explanation().orElseThrow().render();
      throw new DebforgeException(
          ErrorKind.DEPENDENCY_RESOLUTION,
          "the package set for " + req.arch() + " cannot be resolved:\n" + tree,
          excluded.isEmpty()
              ? "change the blueprint's packages or add the source that has what is missing"
              : "change the blueprint's packages, add a source, or drop an exclude "
                  + excluded.stream().sorted().toList());
    }
    List<Resolved> out = new ArrayList<>();
    for (PackageVersion v : res.install()) {
      SourceIndex idx = u.indexOf(v);
      Paragraph p = v.paragraph();
      String sha256 =
          p.get("SHA256")
              .map(String::strip)
              .orElseThrow(
                  () ->
                      p.error(
                          "SHA256",
                          "missing: the .deb of " + v + " cannot be verified",
                          "the source's Packages index must list SHA256"));
      LockedPackage lp =
          new LockedPackage(
              v.name(),
              v.version(),
              p.get("Architecture").map(String::strip).orElse(v.arch()),
              sha256,
              Long.parseLong(p.require("Size").strip()),
              idx.source().name(),
              safeFilename(p));
      out.add(new Resolved(lp, p, idx.source()));
    }
    out.sort(
        Comparator.comparing((Resolved r) -> r.pkg().name()).thenComparing(r -> r.pkg().arch()));
    return new GatherResult(req.arch(), requests, out);
  }

  /**
   * The index's Filename, which the .deb is fetched by: a path below the source's base only (the
   * signed index is trusted for checksums, not to name files outside the repository).
   */
  static String safeFilename(Paragraph p) {
    String f = p.require("Filename").strip();
    if (f.isEmpty()
        || f.startsWith("/")
        || f.contains("\\")
        || java.util.Arrays.asList(f.split("/")).contains("..")
        || f.contains("://")) {
      throw new FormatException(
          ErrorKind.UNSAFE_INPUT,
          p.source(),
          p.field("Filename").map(x -> x.line()).orElse(p.line()),
          "Filename",
          "'" + f + "' is not a path below the repository",
          "a Packages index names .debs relative to the repository base, without '..'",
          null);
    }
    return f;
  }

  /** Essential and required packages (when asked), then the blueprint's, minus excludes. */
  static List<GatherResult.Request> requests(
      PackageUniverse u, GatherRequest req, Set<String> excluded) {
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    List<GatherResult.Request> out = new ArrayList<>();
    if (req.required()) {
      for (String name : u.realNames()) {
        if (excluded.contains(name)) {
          continue;
        }
        u.candidate(name, req.arch())
            .ifPresent(
                v -> {
                  Paragraph p = v.paragraph();
                  boolean essential =
                      p.get("Essential").map(e -> e.strip().equals("yes")).orElse(false);
                  boolean required =
                      p.get("Priority").map(e -> e.strip().equals("required")).orElse(false);
                  if ((essential || required) && seen.add(name)) {
                    out.add(
                        new GatherResult.Request(
                            name, essential ? "Essential: yes" : "Priority: required"));
                  }
                });
      }
    }
    for (String r : req.packages()) {
      String name = r.split("[:=]", 2)[0].strip();
      if (!excluded.contains(name) && seen.add(r.strip())) {
        out.add(new GatherResult.Request(r.strip(), "blueprint"));
      }
    }
    return out;
  }
}
