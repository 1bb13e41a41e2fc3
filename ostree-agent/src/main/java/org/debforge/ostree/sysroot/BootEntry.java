package org.debforge.ostree.sysroot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * One Boot Loader Specification entry ostree wrote ({@code boot/loader/entries/ostree-N-OS.conf}):
 * {@code key value} lines. ostree numbers its entries by {@code version}, the highest being the
 * default, and points each at its deployment with the {@code ostree=} kernel argument.
 */
public record BootEntry(String file, Map<String, String> fields) {
  public BootEntry {
    fields = Map.copyOf(fields);
  }

  public static BootEntry parse(String text, String file) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      int sp = s.indexOf(' ');
      m.put(sp < 0 ? s : s.substring(0, sp), sp < 0 ? "" : s.substring(sp + 1).strip());
    }
    return new BootEntry(file, m);
  }

  public String title() {
    return fields.getOrDefault("title", "");
  }

  /** ostree's ordering number: larger first. */
  public int version() {
    try {
      return Integer.parseInt(fields.getOrDefault("version", "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The kernel arguments, split as the kernel does (no quoting: ostree writes none). */
  public List<String> options() {
    String o = fields.getOrDefault("options", "").strip();
    return o.isEmpty() ? List.of() : List.of(o.split("\\s+"));
  }

  /** The kernel arguments without ostree's own {@code ostree=}, which every deploy rewrites. */
  public List<String> userOptions() {
    List<String> out = new ArrayList<>();
    for (String a : options()) {
      if (!a.startsWith("ostree=")) {
        out.add(a);
      }
    }
    return out;
  }

  /** The {@code ostree=/ostree/boot.N/OS/BOOTCSUM/SERIAL} path of this entry's deployment. */
  public String ostreeArg() {
    Optional<String> a = options().stream().filter(o -> o.startsWith("ostree=")).findFirst();
    return a.map(s -> s.substring(7))
        .orElseThrow(
            () ->
                new DebforgeException(
                    ErrorKind.INVALID_INPUT,
                    file + ": options: no ostree= argument",
                    "this entry was not written by ostree admin deploy"));
  }
}
