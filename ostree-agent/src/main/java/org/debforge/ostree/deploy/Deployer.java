package org.debforge.ostree.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.ostree.layer.LayerMetadata;
import org.debforge.ostree.sysroot.Deployment;
import org.debforge.ostree.sysroot.Origin;
import org.debforge.ostree.sysroot.Sysroot;
import org.debforge.ostree.tool.Ostree;

/**
 * Makes deployments with {@code ostree admin deploy}, which writes the new deployment, its boot
 * entry and the swapped bootloader folder as one atomic step, so a killed client leaves the default
 * deployment as it was. Every change (layer, rollback, kernel arguments) is a new deployment:
 * ostree 2022.7 has no {@code set-default}, and {@code kargs edit-in-place} rewrites every entry,
 * while a new deployment leaves the previous one bootable as the rollback.
 */
public final class Deployer {
  /**
   * Refs that keep the bases of layered deployments from a prune (rpm-ostree's rpmostree/base/N).
   */
  public static final String BASE_REFS = "apt-ostree/base/";

  private final Ostree ostree;

  public Deployer(Ostree ostree) {
    this.ostree = ostree;
  }

  /**
   * Deploys {@code commit} as the new default.
   *
   * @param kargs the new deployment's kernel arguments (without ostree=); empty: the merge
   *     deployment's, as ostree carries them
   */
  public void deploy(String osname, String commit, Origin origin, Optional<List<String>> kargs) {
    Path file;
    try {
      file = Files.createTempFile(ostree.sysroot().resolve("ostree"), ".apt-ostree-", ".origin");
      Files.writeString(file, origin.unpinned().write());
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, ostree.sysroot() + ": " + e.getMessage(), null, e);
    }
    try {
      List<String> args = new ArrayList<>(List.of("--os=" + osname, "--origin-file=" + file));
      kargs.ifPresent(
          k -> {
            args.add("--karg-none");
            k.forEach(a -> args.add("--karg-append=" + a));
          });
      args.add(commit);
      ostree.admin("deploy " + commit, "deploy", args);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        ostree.tool().line("could not remove " + file + ": " + e);
      }
    }
    syncBaseRefs();
  }

  /** Removes one deployment ({@code ostree admin undeploy INDEX}). */
  public void undeploy(Deployment d) {
    ostree.admin("undeploy " + d.id(), "undeploy", List.of(Integer.toString(d.index())));
    syncBaseRefs();
  }

  /**
   * One {@link #BASE_REFS} ref per base a layered deployment stands on, and none else: a layered
   * commit is kept by its deployment, its base (the parent) only by a ref once the compose's ref
   * has moved on.
   */
  public void syncBaseRefs() {
    Sysroot s = Sysroot.read(ostree.sysroot());
    Set<String> bases = new LinkedHashSet<>();
    for (Deployment d : s.deployments()) {
      ostree.metadata(d.checksum(), LayerMetadata.BASE).ifPresent(bases::add);
    }
    for (String ref : ostree.repo("list refs", "refs").lines().toList()) {
      if (ref.startsWith(BASE_REFS)) {
        ostree.repo("delete " + ref, "refs", "--delete", ref);
      }
    }
    int n = 0;
    for (String b : bases) {
      ostree.repo("keep base " + b, "refs", "--create=" + BASE_REFS + n++, b);
    }
  }
}
