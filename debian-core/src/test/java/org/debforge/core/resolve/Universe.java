package org.debforge.core.resolve;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written universes for tests: {@code pkg("a 1 Depends: b")} is a stanza with Package a,
 * Version 1 and the given fields ({@code Field: value} pairs separated by {@code ;}).
 */
final class Universe {
  private final List<StringBuilder> sources = new ArrayList<>();
  private final StringBuilder status = new StringBuilder();
  private final List<String> foreign = new ArrayList<>();

  Universe() {
    sources.add(new StringBuilder());
  }

  /** Adds to the current (last) source: "name version [Field: value; Field: value]". */
  Universe pkg(String spec) {
    stanza(sources.get(sources.size() - 1), spec, null);
    return this;
  }

  /** Starts the next source (ranked after the previous ones). */
  Universe nextSource() {
    sources.add(new StringBuilder());
    return this;
  }

  /** An installed package (in the dpkg status). */
  Universe installed(String spec) {
    stanza(status, spec, "install ok installed");
    return this;
  }

  Universe foreign(String arch) {
    foreign.add(arch);
    return this;
  }

  private static void stanza(StringBuilder sb, String spec, String statusValue) {
    String[] head = spec.split(" ", 3);
    sb.append("Package: ").append(head[0]).append('\n');
    if (statusValue != null) {
      sb.append("Status: ").append(statusValue).append('\n');
    }
    sb.append("Version: ").append(head[1]).append('\n');
    boolean arch = false;
    if (head.length == 3) {
      for (String field : head[2].split(";")) {
        String f = field.strip();
        if (!f.isEmpty()) {
          sb.append(f).append('\n');
          arch |= f.startsWith("Architecture:");
        }
      }
    }
    if (!arch) {
      sb.append("Architecture: amd64\n");
    }
    sb.append('\n');
  }

  PackageUniverse build() {
    PackageUniverse.Builder b = PackageUniverse.builder("amd64").foreignArchitectures(foreign);
    for (int i = 0; i < sources.size(); i++) {
      b.source("source" + i, sources.get(i).toString());
    }
    b.status("status", status.toString());
    return b.build();
  }

  Resolution resolve(String... requests) {
    return new Resolver(build(), Resolver.Options.NO_RECOMMENDS).resolve(requests);
  }

  /** The answer as sorted "name version arch" lines, "-name" for removals; or the explanation. */
  static String show(Resolution r) {
    if (!r.satisfiable()) {
      return r.explanation().orElseThrow().render();
    }
    List<String> out = new ArrayList<>();
    for (PackageVersion v : r.install()) {
      out.add(v.name() + " " + v.version() + " " + v.arch());
    }
    for (PackageVersion v : r.remove()) {
      out.add("-" + v.name());
    }
    return String.join("\n", out);
  }
}
