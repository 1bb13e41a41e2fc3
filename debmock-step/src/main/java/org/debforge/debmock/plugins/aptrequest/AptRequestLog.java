package org.debforge.debmock.plugins.aptrequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.debforge.debmock.lock.InstalledPackages.Entry;

/**
 * apt_request.log, one block per apt operation:
 *
 * <pre>
 * 2026-11-24T11:50:02Z build-dep exit=0 requested: bc, dc
 *   install bc 1.07.1-3+b1 amd64
 *   upgrade libc6 2.36-9 -> 2.36-9+deb12u1 amd64
 *   remove foo 1.0 all
 * </pre>
 */
final class AptRequestLog {
  private final StringBuilder text = new StringBuilder();
  private Map<String, Entry> before = Map.of();
  private Instant start;

  void before(List<Entry> installed, Instant at) {
    before = byName(installed);
    start = at;
  }

  void after(
      String operation,
      List<String> requested,
      String exitCode,
      List<Entry> installed,
      Instant at) {
    text.append(start == null ? at : start)
        .append(' ')
        .append(operation)
        .append(" exit=")
        .append(exitCode == null ? "?" : exitCode)
        .append(" requested: ")
        .append(requested.isEmpty() ? "-" : String.join(", ", requested))
        .append('\n');
    for (String change : changes(before, byName(installed))) {
      text.append("  ").append(change).append('\n');
    }
    before = Map.of();
    start = null;
  }

  String text() {
    return text.toString();
  }

  static List<String> changes(Map<String, Entry> old, Map<String, Entry> now) {
    TreeSet<String> names = new TreeSet<>(old.keySet());
    names.addAll(now.keySet());
    List<String> out = new ArrayList<>();
    for (String n : names) {
      Entry a = old.get(n);
      Entry b = now.get(n);
      if (a == null) {
        out.add("install " + b.name() + " " + b.version() + " " + b.architecture());
      } else if (b == null) {
        out.add("remove " + a.name() + " " + a.version() + " " + a.architecture());
      } else if (!a.version().equals(b.version())) {
        out.add(
            "upgrade "
                + b.name()
                + " "
                + a.version()
                + " -> "
                + b.version()
                + " "
                + b.architecture());
      }
    }
    return out;
  }

  private static Map<String, Entry> byName(List<Entry> entries) {
    Map<String, Entry> m = new TreeMap<>();
    for (Entry e : entries) {
      m.put(e.name() + ":" + e.architecture(), e);
    }
    return m;
  }
}
