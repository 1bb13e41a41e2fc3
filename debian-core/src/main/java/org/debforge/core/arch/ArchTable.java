package org.debforge.core.arch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Debian architectures dpkg knows, from its own tables (copied from dpkg 1.21.23's
 * /usr/share/dpkg: tupletable, cputable), expanded as Dpkg::Arch {@code read_tupletable} does: each
 * {@code <cpu>} line is instantiated for every CPU in cputable order, and the first entry for an
 * architecture or a tuple wins.
 */
public final class ArchTable {
  private static final ArchTable DPKG = load();

  private final Map<String, ArchTuple> byName;
  private final Map<ArchTuple, String> byTuple;

  private ArchTable(Map<String, ArchTuple> byName, Map<ArchTuple, String> byTuple) {
    this.byName = Collections.unmodifiableMap(byName);
    this.byTuple = Collections.unmodifiableMap(byTuple);
  }

  /** The table of the dpkg version the tables were copied from. */
  public static ArchTable dpkg() {
    return DPKG;
  }

  /**
   * The tuple of a real architecture name, or empty if dpkg does not know it. As Dpkg::Arch does, a
   * {@code linux-} prefix is dropped first ({@code linux-amd64} is amd64).
   */
  public Optional<ArchTuple> tuple(String arch) {
    String a = arch;
    if (a.startsWith("linux-")) {
      int end = a.indexOf('-', 6);
      a = end < 0 ? a.substring(6) : a.substring(6, end);
    }
    return Optional.ofNullable(byName.get(a));
  }

  /** The architecture name of a tuple, or empty. */
  public Optional<String> name(ArchTuple tuple) {
    return Optional.ofNullable(byTuple.get(tuple));
  }

  /** Every known architecture name, in table order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  private static ArchTable load() {
    List<String> cpus = new ArrayList<>();
    for (String[] row : rows("cputable")) {
      cpus.add(row[0]);
    }
    Map<String, ArchTuple> byName = new LinkedHashMap<>();
    Map<ArchTuple, String> byTuple = new LinkedHashMap<>();
    for (String[] row : rows("tupletable")) {
      String tuple = row[0];
      String arch = row[1];
      if (tuple.contains("<cpu>")) {
        for (String cpu : cpus) {
          ArchTuple t = ArchTuple.of(tuple.replace("<cpu>", cpu));
          String a = arch.replace("<cpu>", cpu);
          if (!byName.containsKey(a) && !byTuple.containsKey(t)) {
            byName.put(a, t);
            byTuple.put(t, a);
          }
        }
      } else {
        ArchTuple t = ArchTuple.of(tuple);
        byName.put(arch, t);
        byTuple.put(t, arch);
      }
    }
    return new ArchTable(byName, byTuple);
  }

  private static List<String[]> rows(String table) {
    List<String[]> rows = new ArrayList<>();
    try (var in = ArchTable.class.getResourceAsStream(table);
        var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.strip().split("\\s+"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
