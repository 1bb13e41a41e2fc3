package org.debforge.core.resolve;

import java.util.ArrayList;
import java.util.List;

/**
 * apt's marking algorithm (apt-pkg/depcache.cc: MarkInstall and its helpers, apt 2.6), ported step
 * by step so that its answers are apt's: a greedy depth-first walk that installs, for each unmet
 * dependency, the first alternative whose own install succeeds, keeps what an install already
 * marked when a later step fails, discards the candidate of a package that failed, and propagates
 * protection from the user's request down single-solution dependencies.
 *
 * <p>Each call leaves a {@link Trace} node for the explanation of a failure.
 */
final class Marker {
  private final DepState s;

  /** Why a package's candidate was discarded in this run, for explanations that meet it again. */
  private final java.util.Map<Integer, Trace> ruledOut = new java.util.HashMap<>();

  Marker(DepState state) {
    this.s = state;
  }

  /** A node of the explanation built while marking; pruned to failures when rendered. */
  static final class Trace {
    final String text;
    final List<Trace> children = new ArrayList<>();
    boolean failed;

    Trace(String text) {
      this.text = text;
    }

    Trace child(String text) {
      Trace t = new Trace(text);
      children.add(t);
      return t;
    }

    Explanation toExplanation() {
      List<Explanation> kids = new ArrayList<>();
      for (Trace c : children) {
        if (c.failed) {
          kids.add(c.toExplanation());
        }
      }
      return new Explanation(text, kids);
    }
  }

  private static String label(PackageVersion v) {
    return v.pkg.displayName() + " " + v.version();
  }

  boolean modeChangeOk(ArchPackage p, byte mode, int depth, boolean fromUser) {
    if (depth > 3000 || p.versions.isEmpty()) {
      return false;
    }
    if (fromUser || s.mode[p.id] == mode) {
      return true;
    }
    if (s.protect[p.id]) {
      return false;
    }
    // dpkg holds: apt changes a held package only when the user asks
    return mode == DepState.KEEP || !p.held;
  }

  boolean markInstall(ArchPackage p, boolean autoInst, int depth, boolean fromUser, Trace parent) {
    int id = p.id;
    s.touch(p);
    if (s.protect[id]
        && s.mode[id] == DepState.KEEP
        && s.candidate[id] != null
        && s.candidate[id] == p.installed) {
      // only here to propagate protection to its dependencies
    } else if (!modeChangeOk(p, DepState.INSTALL, depth, fromUser)) {
      fail(parent, p.displayName() + " cannot be installed: " + fixedReason(p));
      return false;
    }
    if (s.candidate[id] == null) {
      if (parent != null) {
        Trace why = parent.child(p.displayName() + ": " + noCandidateReason(p));
        why.failed = true;
        attachRuledOut(why, p);
      }
      return false;
    }
    if (!s.protect[id] && !s.instPolicyBroken(p) && !s.instBroken(p)) {
      if (s.candidate[id] == p.installed) {
        if (s.installVer[id] == null) {
          return markKeep(p, fromUser, depth + 1);
        }
        return true;
      } else if (s.mode[id] == DepState.INSTALL) {
        return true;
      }
    }
    PackageVersion pv = s.candidate[id];
    Trace me = new Trace("install " + label(pv));
    if (parent != null) {
      parent.children.add(me);
    }
    if (!installOk(p, autoInst, fromUser, me)) {
      me.failed = true;
      return false;
    }
    if (fromUser) {
      stateChange(p, fromUser);
    }
    boolean failEarly = !s.protect[id] && !fromUser;
    boolean hasFailed = false;
    List<List<Target>> toInstall = new ArrayList<>();
    List<Target> toRemove = new ArrayList<>();
    List<ArchPackage> toUpgrade = new ArrayList<>();
    List<ArchPackage> delayedRemove = new ArrayList<>();
    if (autoInst) {
      collectDependencies(pv, toInstall, toRemove);
      if (!removeConflicts(
          pv, depth, toRemove, toUpgrade, delayedRemove, s.protect[id], fromUser, me)) {
        if (failEarly) {
          me.failed = true;
          return false;
        }
        hasFailed = true;
      }
    }
    if (!fromUser) {
      stateChange(p, false);
    }
    if (!autoInst) {
      return !hasFailed;
    }
    boolean already = s.protect[id];
    s.protect[id] = true;
    try {
      if (!upgradeOrRemove(depth, toUpgrade, already, fromUser, me)) {
        if (failEarly) {
          discardInstall(p);
          me.failed = true;
          ruledOut.putIfAbsent(p.id, me);
          return false;
        }
        hasFailed = true;
      }
      if (!installDependencies(p, pv, depth, toInstall, already, fromUser, me)) {
        if (failEarly) {
          discardInstall(p);
          me.failed = true;
          ruledOut.putIfAbsent(p.id, me);
          return false;
        }
        hasFailed = true;
      }
      for (ArchPackage r : delayedRemove) {
        if (!markDelete(r, depth, false)) {
          me.child("cannot remove " + r.displayName() + " (conflicting)").failed = true;
          if (failEarly) {
            discardInstall(p);
            me.failed = true;
            ruledOut.putIfAbsent(p.id, me);
            return false;
          }
          hasFailed = true;
        }
      }
    } finally {
      if (!already) {
        s.protect[id] = false;
      }
    }
    me.failed = hasFailed;
    return !hasFailed;
  }

  /** Under {@code why}, the earlier failure that ruled out {@code p}'s candidate, if any. */
  private void attachRuledOut(Trace why, ArchPackage p) {
    Trace earlier = ruledOut.get(p.id);
    if (earlier != null && earlier != why && s.candidate[p.id] == p.installed) {
      Trace ref = why.child("ruled out earlier because:");
      ref.failed = true;
      ref.children.add(earlier);
    }
  }

  private void fail(Trace parent, String why) {
    if (parent != null) {
      parent.child(why).failed = true;
    }
  }

  private String fixedReason(ArchPackage p) {
    if (p.versions.isEmpty()) {
      return "no such package";
    }
    return switch (s.mode[p.id]) {
      case DepState.DELETE -> "it is to be removed";
      case DepState.KEEP ->
          "it was already ruled out (kept at "
              + (p.installed == null ? "not installed" : p.installed.version())
              + ")";
      default -> "its state is fixed";
    };
  }

  String noCandidateReason(ArchPackage p) {
    if (p.versions.isEmpty()) {
      return p.providedBy.isEmpty()
          ? "no package of that name exists"
          : "a virtual package, not installable by itself";
    }
    if (p.candidate == null) {
      return "no candidate version";
    }
    return "its candidate " + p.candidate.version() + " was ruled out earlier";
  }

  private boolean installOk(ArchPackage p, boolean autoInst, boolean fromUser, Trace me) {
    PackageVersion cv = s.candidate[p.id];
    if (!fromUser
        && !(s.mode[p.id] == DepState.INSTALL && s.installVer[p.id] == cv)
        && cv != p.installed
        && cv.multiArch == MultiArch.SAME) {
      for (ArchPackage q : s.universe.group(p.name)) {
        if (q == p || q.installed == null) {
          continue;
        }
        PackageVersion cq = s.candidate[q.id];
        if (cq == null || cq.version().equals(cv.version()) || cq.multiArch != MultiArch.SAME) {
          continue;
        }
        me.child("Multi-Arch: same sibling " + q.displayName() + " is at " + cq.version()).failed =
            true;
        return false;
      }
    }
    if (!autoInst || cv == p.installed) {
      return true;
    }
    for (List<Target> g : cv.depends) {
      boolean found = false;
      for (Target t : g) {
        if (s.met(t, cv) || s.satisfiableByCandidate(t)) {
          found = true;
          break;
        }
      }
      if (found) {
        continue;
      }
      Trace dep =
          me.child(g.get(0).type().field + ": " + groupText(g) + " — no candidate can satisfy it");
      dep.failed = true;
      for (Target t : g) {
        Trace why = dep.child(whyNot(t));
        why.failed = true;
        attachRuledOut(why, t.pkg());
      }
      if (!s.protect[p.id]) {
        ruledOut.putIfAbsent(p.id, me);
        s.candidate[p.id] = p.installed;
        if (s.mode[p.id] != DepState.DELETE) {
          s.mode[p.id] = DepState.KEEP;
          s.installVer[p.id] = p.installed;
        }
      }
      return false;
    }
    return true;
  }

  static String groupText(List<Target> g) {
    StringBuilder sb = new StringBuilder();
    for (Target t : g) {
      sb.append(sb.length() == 0 ? "" : " | ").append(t);
    }
    return sb.toString();
  }

  /** Why no candidate meets {@code t}. */
  String whyNot(Target t) {
    ArchPackage tp = t.pkg();
    if (tp.versions.isEmpty() && tp.providedBy.isEmpty()) {
      return tp.displayName() + ": no package of that name exists, nothing provides it";
    }
    StringBuilder sb = new StringBuilder(tp.displayName()).append(": ");
    PackageVersion c = s.candidate[tp.id];
    if (!tp.versions.isEmpty()) {
      if (c == null) {
        sb.append(noCandidateReason(tp));
      } else if (!t.accepts(c.version())) {
        sb.append("candidate ").append(c.version()).append(" does not satisfy ").append(t);
      } else {
        sb.append("candidate ").append(c.version()).append(" ruled out");
      }
    } else {
      sb.append("virtual");
    }
    if (!tp.providedBy.isEmpty()) {
      List<String> prv = new ArrayList<>();
      for (ArchPackage.Provide pr : tp.providedBy) {
        if (prv.size() == 4) {
          prv.add("...");
          break;
        }
        String how = pr.version() == null ? "unversioned" : "= " + pr.version();
        String state = s.candidate[pr.owner().pkg.id] == pr.owner() ? "" : ", not a candidate";
        prv.add(label(pr.owner()) + " (" + how + state + ")");
      }
      sb.append("; provided by ").append(String.join(", ", prv));
    }
    return sb.toString();
  }

  private void stateChange(ArchPackage p, boolean fromUser) {
    int id = p.id;
    if (s.protect[id] && s.installVer[id] == s.candidate[id]) {
      return;
    }
    s.mode[id] = DepState.INSTALL;
    s.installVer[id] = s.candidate[id];
    if (fromUser && p.installed == null) {
      s.manual[id] = true;
    }
    if (s.candidate[id] == p.installed) {
      s.mode[id] = DepState.KEEP;
    }
  }

  private void collectDependencies(
      PackageVersion pv, List<List<Target>> toInstall, List<Target> toRemove) {
    boolean propagate = s.protect[pv.pkg.id];
    for (List<Target> g : pv.depends) {
      if (propagate || !s.met(g, pv)) {
        toInstall.add(g);
      }
    }
    if (s.recommends) {
      for (List<Target> g : pv.recommends) {
        if (propagate || !s.met(g, pv)) {
          toInstall.add(g);
        }
      }
    }
    for (Target t : pv.negative) {
      if (propagate || !s.met(t, pv)) {
        toRemove.add(t);
      }
    }
  }

  private boolean removeConflicts(
      PackageVersion pv,
      int depth,
      List<Target> toRemove,
      List<ArchPackage> toUpgrade,
      List<ArchPackage> delayedRemove,
      boolean propagate,
      boolean fromUser,
      Trace me) {
    boolean failed = false;
    List<ArchPackage> bad = new ArrayList<>();
    for (Target d : toRemove) {
      List<PackageVersion> hit = s.hits(d, pv, s.candidate);
      if (hit.size() > 1) {
        hit.sort(s.providerOrder(d.pkg()));
      }
      for (PackageVersion ver : hit) {
        ArchPackage q = ver.pkg;
        if (s.candidate[q.id] != ver) {
          continue;
        }
        if (q.installed != ver) {
          if (s.mode[q.id] == DepState.INSTALL && !markKeep(q, false, depth)) {
            me.child(
                        d.type().field
                            + ": "
                            + d
                            + " — but "
                            + label(ver)
                            + " is required by what was chosen before")
                    .failed =
                true;
            failed = true;
            if (!propagate && !fromUser) {
              break;
            }
          } else if (propagate) {
            Trace why = new Trace(label(pv) + " (to be installed) " + d.type().field + ": " + d);
            why.failed = true;
            ruledOut.putIfAbsent(q.id, why);
            s.candidate[q.id] = s.installVer[q.id];
            s.touch(q);
            if (q.installed == null) {
              s.protect[q.id] = true;
            }
          } else {
            bad.add(q);
          }
        } else if (!deleteForNotUpgradeable(pv, depth, q, propagate, delayedRemove)) {
          me.child(d.type().field + ": " + d + " — installed " + label(ver) + " cannot be removed")
                  .failed =
              true;
          failed = true;
          if (!propagate && !fromUser) {
            break;
          }
        }
      }
      if (failed && !propagate && !fromUser) {
        break;
      }
      for (PackageVersion ver : s.installedHits(d, pv)) {
        ArchPackage q = ver.pkg;
        PackageVersion cq = s.candidate[q.id];
        if (cq != ver && cq != null && !bad.contains(q)) {
          toUpgrade.add(q);
        } else if (cq == q.installed) {
          // handled above
        } else if (!deleteForNotUpgradeable(pv, depth, q, propagate, delayedRemove)) {
          me.child(d.type().field + ": " + d + " — installed " + label(ver) + " cannot be removed")
                  .failed =
              true;
          failed = true;
          if (!propagate && !fromUser) {
            break;
          }
        }
      }
      if (failed && !propagate && !fromUser) {
        break;
      }
    }
    return !failed;
  }

  private boolean deleteForNotUpgradeable(
      PackageVersion pv, int depth, ArchPackage q, boolean propagate, List<ArchPackage> delayed) {
    if (!propagate) {
      if (s.mode[q.id] == DepState.DELETE) {
        return true;
      }
      if (!modeChangeOk(q, DepState.DELETE, depth, false) || !deleteOk(q, false)) {
        return false;
      }
      delayed.add(q);
      return true;
    }
    if (s.mode[q.id] != DepState.DELETE && !markDelete(q, depth + 1, false)) {
      return false;
    }
    s.candidate[q.id] = s.installVer[q.id];
    s.protect[q.id] = true;
    return true;
  }

  private boolean upgradeOrRemove(
      int depth, List<ArchPackage> toUpgrade, boolean propagate, boolean fromUser, Trace me) {
    boolean failed = false;
    for (ArchPackage q : toUpgrade) {
      if (s.mode[q.id] != DepState.INSTALL && !markInstall(q, true, depth + 1, false, me)) {
        if (!markDelete(q, depth + 1, false)) {
          failed = true;
          if (!propagate && !fromUser) {
            break;
          }
        } else if (propagate) {
          s.protect[q.id] = true;
        }
      }
    }
    return !failed;
  }

  private boolean installDependencies(
      ArchPackage p,
      PackageVersion pv,
      int depth,
      List<List<Target>> toInstall,
      boolean propagate,
      boolean fromUser,
      Trace me) {
    boolean failed = false;
    for (List<Target> g : toInstall) {
      boolean found = s.met(g, pv);
      if (found && !propagate) {
        continue;
      }
      boolean critical = g.get(0).type().critical();
      if (found) {
        if (!critical) {
          continue;
        }
        List<PackageVersion> sols = s.candidatesAndInstalled(g, pv);
        if (sols.size() != 1) {
          continue;
        }
        ArchPackage ip = sols.get(0).pkg;
        if (s.protect[ip.id]) {
          continue;
        }
        s.protect[ip.id] = true;
        s.touch(ip);
        if (!markInstall(ip, true, depth + 1, false, me)) {
          failed = true;
        }
        continue;
      }
      if (p.installed != null && !critical && oldUnmetRecommends(p, g)) {
        continue;
      }
      Trace dep = new Trace(g.get(0).type().field + ": " + groupText(g));
      List<PackageVersion> sols = s.solutions(g, pv);
      for (PackageVersion iv : sols) {
        ArchPackage ip = iv.pkg;
        if (s.candidate[ip.id] != iv) {
          continue;
        }
        if (propagate && critical && sols.size() == 1) {
          if (!markInstall(ip, false, depth + 1, false, dep)) {
            continue;
          }
          s.protect[ip.id] = true;
        }
        if (!markInstall(ip, true, depth + 1, false, dep)) {
          continue;
        }
        found = true;
        break;
      }
      if (!found && critical) {
        dep.failed = true;
        me.children.add(dep);
        if (sols.isEmpty()) {
          for (Target t : g) {
            Trace why = dep.child(whyNot(t));
            why.failed = true;
            attachRuledOut(why, t.pkg());
          }
        }
        failed = true;
        if (!propagate && !fromUser) {
          break;
        }
      }
    }
    return !failed;
  }

  /** A Recommends the installed version had and that was unmet then: apt leaves it alone. */
  private boolean oldUnmetRecommends(ArchPackage p, List<Target> g) {
    boolean isNew = true;
    for (List<Target> old : p.installed.recommends) {
      for (Target t : old) {
        if (t.pkg() == g.get(0).pkg()) {
          isNew = false;
          if (s.met(old, p.installed)) {
            return false;
          }
        }
      }
    }
    return !isNew;
  }

  boolean markKeep(ArchPackage p, boolean fromUser, int depth) {
    if (!modeChangeOk(p, DepState.KEEP, depth, fromUser)) {
      return false;
    }
    s.touch(p);
    if (s.mode[p.id] == DepState.KEEP) {
      return true;
    }
    s.mode[p.id] = DepState.KEEP;
    s.installVer[p.id] = p.installed;
    return true;
  }

  boolean markDelete(ArchPackage p, int depth, boolean fromUser) {
    if (!modeChangeOk(p, DepState.DELETE, depth, fromUser)) {
      return false;
    }
    s.touch(p);
    if (s.mode[p.id] == DepState.DELETE || s.installVer[p.id] == null) {
      return true;
    }
    if (!deleteOk(p, fromUser)) {
      return false;
    }
    s.mode[p.id] = p.installed == null ? DepState.KEEP : DepState.DELETE;
    s.installVer[p.id] = null;
    return true;
  }

  private boolean deleteOk(ArchPackage p, boolean fromUser) {
    return fromUser || p.installed != null || s.installVer[p.id] == null || !s.manual[p.id];
  }

  private void discardInstall(ArchPackage p) {
    int id = p.id;
    if (s.mode[id] == DepState.KEEP
        && s.installVer[id] == s.candidate[id]
        && s.candidate[id] == p.installed) {
      return;
    }
    s.installVer[id] = p.installed;
    s.mode[id] = DepState.KEEP;
    s.candidate[id] = s.installVer[id];
  }
}
