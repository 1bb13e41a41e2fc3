package org.debforge.core.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves install requests over a {@link PackageUniverse} the way {@code apt-get install} does
 * with its internal solver: each requested package is marked (protected, as apt-get's problem
 * resolver protects command-line packages), then auto-installed with apt's MarkInstall ({@link
 * Marker}), and the result is checked for broken dependencies and conflicts. The answer is the set
 * apt would print as {@code Inst} and {@code Remv}, or an {@link Explanation} of why there is none.
 *
 * <p>Where apt would fall back to its scoring problem resolver (pkgProblemResolver) after marking
 * left something broken, this resolver reports the request as unsatisfiable and explains what is
 * broken.
 */
public final class Resolver {
  private final PackageUniverse universe;
  private final Options options;

  /**
   * @param installRecommends apt's APT::Install-Recommends (off: --no-install-recommends)
   */
  public record Options(boolean installRecommends) {
    public static final Options NO_RECOMMENDS = new Options(false);
    public static final Options WITH_RECOMMENDS = new Options(true);
  }

  public Resolver(PackageUniverse universe, Options options) {
    this.universe = Objects.requireNonNull(universe, "universe");
    this.options = Objects.requireNonNull(options, "options");
  }

  public Resolution resolve(String... requests) {
    return resolve(Arrays.stream(requests).map(InstallRequest::parse).toList());
  }

  public Resolution resolve(List<InstallRequest> requests) {
    return resolve(requests, List.of());
  }

  /**
   * Installs {@code requests} and removes {@code removals}, apt-get's order for {@code install}
   * with {@code pkg-} arguments: the removals are marked after the installs.
   */
  public Resolution resolve(List<InstallRequest> requests, List<InstallRequest> removals) {
    DepState s = new DepState(universe, options.installRecommends());
    Marker marker = new Marker(s);
    Marker.Trace root = new Marker.Trace("cannot install " + joined(requests));
    List<ArchPackage> chosen = new ArrayList<>();
    List<Marker.Trace> requestNodes = new ArrayList<>();
    boolean located = true;
    for (InstallRequest r : requests) {
      Marker.Trace node = root.child("request " + r);
      ArchPackage p = select(r, s, node, marker);
      if (p == null) {
        node.failed = true;
        located = false;
        continue;
      }
      s.protect[p.id] = true;
      s.touch(p);
      marker.markInstall(p, false, 0, true, node);
      chosen.add(p);
      requestNodes.add(node);
    }
    for (InstallRequest r : removals) {
      ArchPackage p = universe.pkg(r.name(), r.arch() == null ? universe.nativeArch() : r.arch());
      if (p != null && p.installed != null) {
        s.protect[p.id] = true;
        marker.markDelete(p, 0, true);
      }
    }
    if (!located) {
      return unsatisfiable(root);
    }
    // apt-get's doAutoInstall walks an APT::PackageSet, which is ordered by package id.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(i -> chosen.get(i).id));
    for (int i : order) {
      ArchPackage p = chosen.get(i);
      if (!s.instBroken(p) && !s.instPolicyBroken(p)) {
        continue;
      }
      marker.markInstall(p, true, 0, true, requestNodes.get(i));
    }
    List<String> broken = brokenReport(s);
    if (!broken.isEmpty()) {
      for (Marker.Trace node : requestNodes) {
        node.failed |= node.children.stream().anyMatch(c -> c.failed);
      }
      Marker.Trace b = root.child("left broken (apt would now need its problem resolver):");
      b.failed = true;
      for (String line : broken) {
        b.child(line).failed = true;
      }
      return unsatisfiable(root);
    }
    List<PackageVersion> install = new ArrayList<>();
    List<PackageVersion> remove = new ArrayList<>();
    List<ArchPackage> touched = new ArrayList<>(s.touched);
    touched.sort(Comparator.comparing((ArchPackage p) -> p.name).thenComparing(p -> p.arch));
    for (ArchPackage p : touched) {
      if (s.mode[p.id] == DepState.INSTALL && s.installVer[p.id] != p.installed) {
        install.add(s.installVer[p.id]);
      } else if (s.mode[p.id] == DepState.DELETE && p.installed != null) {
        remove.add(p.installed);
      }
    }
    return new Resolution(true, install, remove, Optional.empty());
  }

  private static Resolution unsatisfiable(Marker.Trace root) {
    return new Resolution(false, List.of(), List.of(), Optional.of(root.toExplanation()));
  }

  private static String joined(List<InstallRequest> requests) {
    StringBuilder sb = new StringBuilder();
    for (InstallRequest r : requests) {
      sb.append(sb.length() == 0 ? "" : " ").append(r);
    }
    return sb.toString();
  }

  /** The package a request names, as apt-get's command-line helper picks it; null if none. */
  private ArchPackage select(InstallRequest r, DepState s, Marker.Trace node, Marker marker) {
    ArchPackage p = null;
    if (r.arch() != null) {
      p = universe.pkg(r.name(), r.arch());
    } else {
      for (String a : universe.architectures()) {
        ArchPackage q = universe.pkg(r.name(), a);
        if (q != null && (!q.versions.isEmpty() || a.equals(universe.nativeArch()))) {
          p = q;
          break;
        }
      }
    }
    if (p == null || (p.versions.isEmpty() && p.providedBy.isEmpty())) {
      node.child("unable to locate package " + r.name() + (r.arch() == null ? "" : ":" + r.arch()))
              .failed =
          true;
      return null;
    }
    if (r.version() != null) {
      for (PackageVersion v : p.versions) {
        if (v.version().equals(r.version())) {
          s.candidate[p.id] = v;
          return p;
        }
      }
      node.child("version '" + r.version() + "' for '" + p.displayName() + "' was not found")
              .failed =
          true;
      return null;
    }
    if (s.candidate[p.id] != null) {
      return p;
    }
    // A pure virtual package with one candidate provider stands for it (apt-get's "Note,
    // selecting 'x' instead of 'y'"); other architectures of one provider count once.
    ArchPackage provider = null;
    boolean one = false;
    for (ArchPackage.Provide prv : p.providedBy) {
      ArchPackage q = prv.owner().pkg;
      if (s.candidate[q.id] != prv.owner()) {
        continue;
      }
      if (!one) {
        provider = q;
        one = true;
      } else if (q != provider) {
        if (q.name.equals(provider.name)) {
          List<String> archs = universe.architectures();
          if (archs.indexOf(q.arch) >= 0 && archs.indexOf(q.arch) < archs.indexOf(provider.arch)) {
            provider = q;
          }
          continue;
        }
        one = false;
        break;
      }
    }
    if (one) {
      return provider;
    }
    node.child(
                p.displayName()
                    + " has no installation candidate: "
                    + marker.whyNot(new Target(p, null, null, Target.DepType.DEPENDS)))
            .failed =
        true;
    return null;
  }

  /** The broken relations apt would count (BrokenCount), one line each. */
  private static List<String> brokenReport(DepState s) {
    List<String> out = new ArrayList<>();
    List<ArchPackage> check = new ArrayList<>(s.touched);
    for (PackageVersion v : s.universe.installed()) {
      check.add(v.pkg);
    }
    boolean[] done = new boolean[s.mode.length];
    for (ArchPackage p : check) {
      if (done[p.id]) {
        continue;
      }
      done[p.id] = true;
      PackageVersion v = s.installVer[p.id];
      if (v == null || !s.instBroken(p)) {
        continue;
      }
      String who = p.displayName() + " " + v.version();
      for (List<Target> g : v.depends) {
        if (!s.met(g, v)) {
          out.add(who + " " + g.get(0).type().field + ": " + Marker.groupText(g) + " is not met");
        }
      }
      for (Target t : v.negative) {
        if (!s.met(t, v)) {
          List<PackageVersion> hit = s.hits(t, v, s.installVer);
          out.add(
              who
                  + " "
                  + t.type().field
                  + ": "
                  + t
                  + " but "
                  + hit.get(0).pkg.displayName()
                  + " "
                  + hit.get(0).version()
                  + " is to be installed");
        }
      }
    }
    return out;
  }
}
