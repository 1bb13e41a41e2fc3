package org.debforge.ostree.status;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import org.debforge.ostree.status.Status.Entry;
import org.debforge.ostree.sysroot.Deployment;

/** {@code status} for people, laid out as rpm-ostree's: one block per deployment, default first. */
public final class StatusText {
  private StatusText() {}

  public static void print(PrintWriter out, List<Entry> entries, boolean verbose) {
    out.println("State: idle");
    out.println("Deployments:");
    boolean first = true;
    for (Entry e : entries) {
      Deployment d = e.deployment();
      if (!first) {
        out.println();
      }
      first = false;
      String mark = d.booted() ? "● " : "  ";
      out.println(mark + d.osname() + ":" + d.origin().refspec());
      String version =
          e.base().orElse(e.commit()).version().orElse("(none)")
              + " ("
              + Instant.ofEpochSecond(e.base().orElse(e.commit()).timestamp())
              + ")";
      row(out, "Version", version);
      if (e.base().isPresent()) {
        row(out, "BaseCommit", e.base().get().checksum());
      }
      row(out, "Commit", d.checksum());
      if (!e.removed().isEmpty()) {
        row(out, "RemovedBasePackages", String.join(" ", e.removed()));
      }
      if (!e.layered().isEmpty()) {
        row(out, "LayeredPackages", String.join(" ", e.layered()));
      }
      List<String> inactive =
          d.origin().requested().stream().filter(r -> !e.layered().contains(r)).toList();
      if (!inactive.isEmpty()) {
        row(out, "InactiveRequests", String.join(" ", inactive));
      }
      if (d.origin().pinned()) {
        row(out, "Pinned", "yes");
      }
      if (d.index() == 0) {
        row(out, "Default", "yes");
      }
      if (verbose) {
        row(out, "Id", d.id());
        row(out, "Kargs", String.join(" ", d.entry().userOptions()));
        e.composeId().ifPresent(c -> row(out, "ComposeId", c));
      }
    }
    out.flush();
  }

  private static void row(PrintWriter out, String key, String value) {
    out.println(String.format("%25s: %s", key, value));
  }
}
