package org.debforge.ostree.status;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.ostree.layer.LayerMetadata;
import org.debforge.ostree.sysroot.Deployment;
import org.debforge.ostree.sysroot.Origin;
import org.debforge.ostree.sysroot.Sysroot;
import org.debforge.ostree.tool.Ostree;

/**
 * What {@code status} reports: each deployment as rpm-ostree's {@code status --json} names its
 * fields (id, osname, serial, checksum, version, timestamp, origin, base-checksum, packages,
 * requested-packages, base-removals, requested-base-removals, pinned, booted, staged, ...), so a
 * script written for rpm-ostree (Zincati, Ansible facts) reads ours. Built from the sysroot's files
 * and the commits' metadata.
 */
public final class Status {
  private Status() {}

  /** One deployment's facts, gathered once for both the JSON and the text. */
  public record Entry(
      Deployment deployment,
      Ostree.CommitInfo commit,
      Optional<Ostree.CommitInfo> base,
      List<String> layered,
      List<String> removed,
      Optional<String> composeId) {}

  public static List<Entry> gather(Sysroot sysroot, Ostree ostree, boolean bootedOnly) {
    List<Entry> out = new ArrayList<>();
    for (Deployment d : sysroot.deployments()) {
      if (bootedOnly && !d.booted()) {
        continue;
      }
      Ostree.CommitInfo c = ostree.show(d.checksum());
      Optional<String> baseSum = ostree.metadata(d.checksum(), LayerMetadata.BASE);
      Optional<Ostree.CommitInfo> base = baseSum.map(ostree::show);
      List<String> layered =
          ostree
              .metadata(d.checksum(), LayerMetadata.REQUESTED)
              .map(Status::split)
              .orElse(List.of());
      List<String> removed =
          ostree.metadata(d.checksum(), LayerMetadata.REMOVED).map(Status::split).orElse(List.of());
      Optional<String> compose =
          ostree.metadata(baseSum.orElse(d.checksum()), LayerMetadata.COMPOSE_ID);
      out.add(new Entry(d, c, base, Origin.names(layered), removed, compose));
    }
    return out;
  }

  static List<String> split(String v) {
    return Arrays.stream(v.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The whole document: rpm-ostree's top-level keys, no transaction (there is no daemon yet). */
  public static Map<String, Object> json(List<Entry> entries) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("deployments", entries.stream().map(Status::deployment).toList());
    doc.put("transaction", null);
    doc.put("cached-update", null);
    doc.put("update-driver", null);
    return doc;
  }

  static Map<String, Object> deployment(Entry e) {
    Deployment d = e.deployment();
    Origin o = d.origin();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("osname", d.osname());
    m.put("serial", d.serial());
    m.put("checksum", d.checksum());
    m.put("version", e.commit().version().orElse(null));
    m.put("timestamp", e.commit().timestamp());
    m.put("origin", o.refspec());
    if (e.base().isPresent()) {
      Ostree.CommitInfo b = e.base().get();
      m.put("base-checksum", b.checksum());
      m.put("base-version", b.version().orElse(null));
      m.put("base-timestamp", b.timestamp());
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    Ostree.CommitInfo baseCommit = e.base().orElse(e.commit());
    baseCommit.version().ifPresent(v -> meta.put("version", v));
    e.composeId().ifPresent(v -> meta.put(LayerMetadata.COMPOSE_ID, v));
    m.put("base-commit-meta", meta);
    m.put("requested-packages", Origin.names(o.requested()));
    m.put("requested-local-packages", List.of());
    m.put("requested-base-removals", o.removals());
    m.put("requested-base-local-replacements", List.of());
    m.put("packages", e.layered());
    m.put("base-removals", e.removed());
    m.put("base-local-replacements", List.of());
    m.put("pinned", o.pinned());
    m.put("unlocked", "none");
    m.put("regenerate-initramfs", o.regenerateInitramfs());
    m.put("booted", d.booted());
    m.put("staged", false);
    return m;
  }
}
