package org.debforge.ostree.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.ostree.layer.AptSource;
import org.debforge.ostree.layer.LayerBuilder;
import org.debforge.ostree.layer.LayerMetadata;
import org.debforge.ostree.layer.LayerRequest;
import org.debforge.ostree.sysroot.Deployment;
import org.debforge.ostree.sysroot.Origin;
import org.debforge.ostree.sysroot.Sysroot;
import org.debforge.ostree.tool.Ostree;
import org.debforge.ostree.tool.Tool;
import org.debforge.ostree.tool.Trees;

/**
 * apt-ostree's operations on one sysroot. Each is one transaction: it takes the sysroot's lock,
 * reads the deployments afresh, and ends in at most one {@code ostree admin deploy} (or undeploy),
 * ostree's own atomic step; everything before it (the layer's checkout, dpkg, the commit) happens
 * beside the deployments, so a transaction killed midway leaves the default deployment untouched.
 * The D-Bus daemon will run these same transactions.
 */
public final class AptOstree {
  /**
   * @param sources APT sources for layering; empty: the base commit's lock
   * @param log the transaction log (each tool run), or null
   */
  public record Settings(
      Path sysroot,
      Path cache,
      Path keyring,
      List<AptSource> sources,
      boolean cacheOnly,
      Path log) {
    public Settings {
      sources = List.copyOf(sources);
    }
  }

  /** What a transaction did: whether it made a new deployment, and what to tell the user. */
  public record Outcome(boolean changed, String message) {}

  private final Settings settings;
  private final Ostree ostree;
  private final Deployer deployer;

  public AptOstree(Settings settings) {
    this.settings = settings;
    this.ostree = new Ostree(settings.sysroot(), new Tool(settings.log()));
    this.deployer = new Deployer(ostree);
  }

  public Ostree ostree() {
    return ostree;
  }

  public Sysroot sysroot() {
    return Sysroot.read(settings.sysroot());
  }

  /** The base commit under a deployment: itself unless it is a layer. */
  public String baseOf(Deployment d) {
    return ostree.metadata(d.checksum(), LayerMetadata.BASE).orElse(d.checksum());
  }

  public Outcome install(
      List<String> packages, boolean idempotent, boolean allowInactive, boolean dryRun) {
    try (TransactionLock l = TransactionLock.take(settings.sysroot(), "install")) {
      Deployment merge = sysroot().merge();
      Origin o = merge.origin();
      List<String> names = Origin.names(o.requested());
      List<String> added = new ArrayList<>();
      String base = baseOf(merge);
      String status = null;
      for (String p : packages) {
        String name = Origin.names(List.of(p)).get(0);
        if (names.contains(name) || added.contains(p)) {
          if (idempotent) {
            continue;
          }
          throw new DebforgeException(
              ErrorKind.CONFLICT,
              "package " + name + " is already requested",
              "--idempotent ignores packages already requested");
        }
        if (!allowInactive && status == null) {
          status = baseStatus(base);
        }
        if (!allowInactive && installed(status, name)) {
          throw new DebforgeException(
              ErrorKind.CONFLICT,
              "package " + name + " is already in the base " + base,
              "--allow-inactive requests it anyway (kept should the base drop it)");
        }
        added.add(p);
      }
      if (added.isEmpty()) {
        return new Outcome(false, "No change.");
      }
      List<String> requested = new ArrayList<>(o.requested());
      requested.addAll(added);
      return relayer(merge, o.withRequested(requested), base, dryRun, Optional.empty());
    }
  }

  public Outcome uninstall(List<String> packages, boolean all) {
    try (TransactionLock l = TransactionLock.take(settings.sysroot(), "uninstall")) {
      Deployment merge = sysroot().merge();
      Origin o = merge.origin();
      List<String> requested = new ArrayList<>(o.requested());
      if (all) {
        requested.clear();
      }
      for (String p : packages) {
        if (!requested.removeIf(r -> Origin.names(List.of(r)).get(0).equals(p))) {
          throw new DebforgeException(
              ErrorKind.NOT_FOUND,
              "package "
                  + p
                  + " is not layered (requested: "
                  + String.join(" ", o.requested())
                  + ")",
              "status lists the layered packages; override remove takes out a base package");
        }
      }
      if (requested.equals(o.requested())) {
        return new Outcome(false, "No change.");
      }
      return relayer(merge, o.withRequested(requested), baseOf(merge), false, Optional.empty());
    }
  }

  /** {@code override remove} ({@code remove=true}) and {@code override reset}. */
  public Outcome override(List<String> packages, boolean remove) {
    try (TransactionLock l = TransactionLock.take(settings.sysroot(), "override")) {
      Deployment merge = sysroot().merge();
      Origin o = merge.origin();
      List<String> removals = new ArrayList<>(o.removals());
      String base = baseOf(merge);
      String status = baseStatus(base);
      for (String p : packages) {
        if (remove) {
          if (!installed(status, p)) {
            throw new DebforgeException(
                ErrorKind.NOT_FOUND, "package " + p + " is not in the base " + base, null);
          }
          if (!removals.contains(p)) {
            removals.add(p);
          }
        } else if (!removals.remove(p)) {
          throw new DebforgeException(
              ErrorKind.NOT_FOUND, "no override for package " + p, "status lists the overrides");
        }
      }
      if (removals.equals(o.removals())) {
        return new Outcome(false, "No change.");
      }
      return relayer(merge, o.withRemovals(removals), base, false, Optional.empty());
    }
  }

  /** {@code deploy REV}: a commit (checksum, ref or version of the origin's ref) as the base. */
  public Outcome deploy(String rev) {
    try (TransactionLock l = TransactionLock.take(settings.sysroot(), "deploy")) {
      Deployment merge = sysroot().merge();
      String commit = resolveRev(merge.origin().refspec(), rev);
      if (commit.equals(baseOf(merge))) {
        return new Outcome(false, "No change.");
      }
      Origin o = merge.origin().withOverrideCommit(Optional.of(commit));
      return relayer(merge, o, commit, false, Optional.empty());
    }
  }

  /** {@code upgrade} and {@code rebase}: the newest commit of the ref, with the same requests. */
  public Outcome upgrade(Optional<String> rebaseTo, boolean check) {
    try (TransactionLock l = TransactionLock.take(settings.sysroot(), "upgrade")) {
      Deployment merge = sysroot().merge();
      String ref = rebaseTo.orElse(merge.origin().refspec());
      int colon = ref.indexOf(':');
      if (colon > 0 && !check) {
        ostree.repo("pull " + ref, "pull", ref.substring(0, colon), ref.substring(colon + 1));
      }
      String commit = ostree.revParse(ref);
      boolean same =
          commit.equals(baseOf(merge))
              && rebaseTo.isEmpty()
              && merge.origin().overrideCommit().isEmpty();
      if (same) {
        return new Outcome(false, "No upgrade available.");
      }
      if (check) {
        return new Outcome(true, "AvailableUpdate: " + commit);
      }
      Origin o = merge.origin().withRefspec(ref).withOverrideCommit(Optional.empty());
      return relayer(merge, o, commit, false, Optional.empty());
    }
  }

  /** A new deployment of the rollback deployment's commit, origin and kernel arguments. */
  public Outcome rollback() {
    try (TransactionLock l = TransactionLock.take(settings.sysroot(), "rollback")) {
      Sysroot s = sysroot();
      Deployment target =
          s.rollback()
              .orElseThrow(
                  () ->
                      new DebforgeException(
                          ErrorKind.NOT_FOUND,
                          "no rollback deployment on " + settings.sysroot(),
                          "status lists the deployments"));
      deployer.deploy(
          target.osname(),
          target.checksum(),
          target.origin(),
          Optional.of(target.entry().userOptions()));
      return new Outcome(true, "Moving '" + target.checksum() + "' to be first deployment");
    }
  }

  /** The merge deployment's kernel arguments after {@code edit}, as a new deployment. */
  public Outcome kargs(Kargs edit) {
    try (TransactionLock l = TransactionLock.take(settings.sysroot(), "kargs")) {
      Deployment merge = sysroot().merge();
      List<String> now = merge.entry().userOptions();
      List<String> next = edit.apply(now);
      if (next.equals(now)) {
        return new Outcome(false, "No change.");
      }
      deployer.deploy(merge.osname(), merge.checksum(), merge.origin(), Optional.of(next));
      return new Outcome(true, "Kernel arguments updated: " + String.join(" ", next));
    }
  }

  /** {@code cleanup}: {@code rollback} removes every deployment but the default (and booted). */
  public Outcome cleanup(boolean pending, boolean rollback, boolean base, boolean metadata) {
    try (TransactionLock l = TransactionLock.take(settings.sysroot(), "cleanup")) {
      List<String> done = new ArrayList<>();
      if (rollback) {
        Sysroot s = sysroot();
        Deployment keep = s.merge();
        List<Deployment> drop =
            s.deployments().stream()
                .filter(d -> d.index() != 0 && d.index() != keep.index() && !d.booted())
                .toList();
        // Highest index first: undeploy renumbers the ones after it.
        for (int i = drop.size() - 1; i >= 0; i--) {
          deployer.undeploy(drop.get(i));
          done.add("Deployment " + drop.get(i).id() + " removed");
        }
      }
      if (pending) {
        done.add("No pending deployment (an offline sysroot stages none)");
      }
      if (base) {
        deployer.syncBaseRefs();
        ostree.repo("prune", "prune", "--refs-only");
        done.add("Unused base commits pruned");
      }
      if (metadata) {
        try {
          Trees.delete(settings.cache().resolve("apt"));
        } catch (java.io.IOException e) {
          throw new DebforgeException(ErrorKind.IO, "cleanup -m: " + e.getMessage(), null, e);
        }
        done.add("Package index cache removed");
      }
      return new Outcome(!done.isEmpty(), String.join("\n", done));
    }
  }

  /**
   * Makes the deployment a new origin asks for: its base alone when nothing is layered, else a
   * layer built on the base; then deploys it with the merge deployment's kernel arguments.
   */
  private Outcome relayer(
      Deployment merge, Origin origin, String base, boolean dryRun, Optional<List<String>> kargs) {
    LayerBuilder builder = new LayerBuilder(ostree);
    if (!origin.layered()) {
      if (dryRun) {
        return new Outcome(false, "Would deploy the base " + base + " without layered packages");
      }
      deployer.deploy(merge.osname(), base, origin, kargs);
      return new Outcome(true, "Deployed " + base + " (no layered packages)");
    }
    LayerRequest r =
        new LayerRequest(
            base,
            origin.requested(),
            origin.removals(),
            settings.sources(),
            settings.keyring(),
            settings.cache(),
            settings.cacheOnly(),
            ostree.show(base).version());
    LayerBuilder.Plan plan = builder.plan(r);
    StringBuilder msg = new StringBuilder();
    plan.remove().forEach(p -> msg.append("Remove: ").append(p).append('\n'));
    plan.install().forEach(p -> msg.append("Install: ").append(p).append('\n'));
    if (dryRun) {
      return new Outcome(false, msg + "Exiting because of '--dry-run' option");
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(LayerMetadata.BASE, base);
    meta.put(LayerMetadata.REQUESTED, String.join(";", origin.requested()));
    meta.put(LayerMetadata.INSTALLED, String.join(";", plan.installed()));
    meta.put(LayerMetadata.REMOVED, String.join(";", origin.removals()));
    ostree
        .metadata(base, LayerMetadata.COMPOSE_ID)
        .ifPresent(v -> meta.put(LayerMetadata.COMPOSE_ID, v));
    String commit = builder.build(r, plan, meta);
    deployer.deploy(merge.osname(), commit, origin, kargs);
    return new Outcome(true, msg + "Deployed layer " + commit + " on base " + base);
  }

  private String resolveRev(String refspec, String rev) {
    if (rev.matches("[0-9a-f]{64}")) {
      return ostree.revParse(rev);
    }
    String ref = refspec.contains(":") ? refspec.substring(refspec.indexOf(':') + 1) : refspec;
    String log = ostree.repo("log " + ref, "log", ref);
    String commit = null;
    for (String line : log.lines().toList()) {
      if (line.startsWith("commit ")) {
        commit = line.substring(7).strip();
      } else if (line.strip().equals("Version: " + rev) && commit != null) {
        return commit;
      }
    }
    return ostree.revParse(rev);
  }

  private String baseStatus(String base) {
    return ostree.repo("read the base's dpkg status", "cat", base, "/usr/lib/sysimage/dpkg/status");
  }

  /** Whether the status lists {@code name} as installed (any architecture). */
  static boolean installed(String status, String name) {
    boolean match = false;
    for (String line : status.split("\n")) {
      if (line.isEmpty()) {
        match = false;
      } else if (line.startsWith("Package: ")) {
        match = line.substring(9).strip().equals(name);
      } else if (match && line.startsWith("Status: ") && line.endsWith(" installed")) {
        return true;
      }
    }
    return false;
  }
}
