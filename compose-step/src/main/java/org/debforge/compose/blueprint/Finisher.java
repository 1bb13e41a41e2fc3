package org.debforge.compose.blueprint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.debforge.compose.blueprint.Layer.ArchDraft;
import org.debforge.compose.blueprint.Layer.Located;
import org.debforge.compose.blueprint.Layer.SourceDraft;

/**
 * Turns the merged layers into a {@link Blueprint}: defaults, then the checks that need the whole
 * (every {@code @group} defined, names unique, nothing both requested and excluded).
 */
final class Finisher {
  /** Debian's archive keyring, from the debian-archive-keyring package. */
  static final Path DEBIAN_KEYRING = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");

  static final List<OutputSpec> DEFAULT_OUTPUTS =
      List.of(
          new OutputSpec(OutputSpec.Type.REPO, false, Map.of()),
          new OutputSpec(OutputSpec.Type.ROOTFS, false, Map.of()));

  private final Path top;
  private final Consumer<Problem> problems;

  Finisher(Path top, Consumer<Problem> problems) {
    this.top = top;
    this.problems = problems;
  }

  /** The blueprint, or null when a required key is missing (reported). */
  Blueprint finish(Layer m) {
    At doc = new At(top, "", null);
    boolean complete = true;
    for (var required :
        List.of(
            Map.entry("name", Optional.ofNullable(m.name)),
            Map.entry("version", Optional.ofNullable(m.version)),
            Map.entry("suite", Optional.ofNullable(m.suite)),
            Map.entry("architectures", Optional.ofNullable(m.architectures)))) {
      if (required.getValue().isEmpty()) {
        complete = false;
        if (m.written.contains(required.getKey())) {
          continue; // written with a bad value, reported where it is
        }
        problems.accept(
            doc.child(required.getKey(), null)
                .problem(
                    "missing",
                    "a blueprint (or one of its includes) must set name, version, suite and"
                        + " architectures"));
      }
    }
    if (!complete) {
      return null;
    }
    String suite = m.suite.value();
    Map<String, List<String>> groups = new LinkedHashMap<>();
    m.groups.forEach((k, v) -> groups.put(k, distinct(v)));
    checkGroupRefs(m.packages, groups);
    Map<String, ArchSection> arches = new LinkedHashMap<>();
    for (Map.Entry<String, ArchDraft> e : m.arches.entrySet()) {
      checkGroupRefs(e.getValue().packages(), groups);
      checkNotExcluded(e.getValue().packages(), groups, m.exclude, e.getValue().exclude());
      arches.put(
          e.getKey(),
          new ArchSection(distinct(e.getValue().packages()), distinct(e.getValue().exclude())));
    }
    checkNotExcluded(m.packages, groups, m.exclude, List.of());
    unique(m.files, FileSpec::dest, "file", "dest");
    unique(m.users, UserSpec::name, "user", "name");
    List<ScriptSpec> scripts = new ArrayList<>();
    int inline = 0;
    for (Located<ScriptSpec> s : m.postprocess) {
      ScriptSpec v = s.value();
      scripts.add(
          v.inline().isPresent() ? new ScriptSpec("inline-" + ++inline, v.file(), v.inline()) : v);
    }
    List<OutputSpec> outputs =
        m.outputs == null ? DEFAULT_OUTPUTS : m.outputs.stream().map(Located::value).toList();
    return new Blueprint(
        top,
        m.name.value(),
        m.version.value(),
        suite,
        m.architectures.value(),
        sources(m.sources, suite),
        distinct(m.packages),
        groups,
        distinct(m.exclude),
        m.recommends != null && m.recommends,
        m.required == null || m.required,
        values(m.files),
        scripts,
        values(m.users),
        values(m.kernelArgs),
        outputs,
        arches);
  }

  private List<SourceSpec> sources(List<Located<SourceDraft>> drafts, String suite) {
    List<SourceSpec> out = new ArrayList<>();
    Map<String, At> names = new LinkedHashMap<>();
    if (drafts.isEmpty()) {
      // No sources: Debian's archive for the blueprint's suite, from the host's mirror.
      checkDebianKeyring(new At(top, "sources", null));
      out.add(
          new SourceSpec.Mirror(suite, Optional.empty(), suite, List.of("main"), DEBIAN_KEYRING));
      return out;
    }
    for (Located<SourceDraft> l : drafts) {
      SourceDraft d = l.value();
      SourceSpec s;
      if (d.tag().isPresent()) {
        String ref = d.tag().get() + d.snapshot().map(x -> "@" + x).orElse("");
        s =
            new SourceSpec.Orchestrator(
                d.name().orElse(ref), d.tag().get(), d.snapshot(), d.server(), d.keyring());
      } else {
        String srcSuite = d.suite().orElse(suite);
        if (d.keyring().isEmpty()) {
          checkDebianKeyring(l.at());
        }
        s =
            new SourceSpec.Mirror(
                d.name().orElse(srcSuite),
                d.mirror(),
                srcSuite,
                d.components().orElse(List.of("main")),
                d.keyring().orElse(DEBIAN_KEYRING));
      }
      At first = names.putIfAbsent(s.name(), l.at());
      if (first != null) {
        problems.accept(
            l.at()
                .problem(
                    "source name '"
                        + s.name()
                        + "' is already used by "
                        + first.key()
                        + " ("
                        + first.file()
                        + ":"
                        + first.line()
                        + ")",
                    "give one of them another name: (names label the lock's source column)"));
      }
      out.add(s);
    }
    return out;
  }

  private void checkDebianKeyring(At at) {
    if (!Files.isRegularFile(DEBIAN_KEYRING)) {
      problems.accept(
          at.problem(
              "no keyring given, and Debian's archive keyring " + DEBIAN_KEYRING + " is missing",
              "install debian-archive-keyring, or give keyring: FILE"));
    }
  }

  private void checkGroupRefs(List<Located<String>> requests, Map<String, List<String>> groups) {
    for (Located<String> r : requests) {
      String v = r.value();
      if (v.startsWith("@") && !groups.containsKey(v.substring(1))) {
        String hint =
            groups.isEmpty()
                ? "define it under groups: {" + v.substring(1) + ": [PACKAGE, ...]}"
                : Nodes.unknownHint(v.substring(1), groups.keySet())
                    .replace("allowed keys", "defined groups");
        problems.accept(r.at().problem("no group '" + v.substring(1) + "'", hint));
      }
    }
  }

  /** A package both requested (directly or through a group) and excluded can never resolve. */
  private void checkNotExcluded(
      List<Located<String>> requests,
      Map<String, List<String>> groups,
      List<Located<String>> exclude,
      List<Located<String>> archExclude) {
    LinkedHashSet<String> excluded = new LinkedHashSet<>(values(exclude));
    excluded.addAll(values(archExclude));
    for (Located<String> r : requests) {
      List<String> names =
          r.value().startsWith("@")
              ? groups.getOrDefault(r.value().substring(1), List.of())
              : List.of(r.value());
      for (String n : names) {
        String pkg = n.split("[:=]", 2)[0];
        if (excluded.contains(pkg)) {
          problems.accept(
              r.at()
                  .problem(
                      "'" + pkg + "' is requested and excluded",
                      "remove it from packages or from exclude"));
        }
      }
    }
  }

  private <T> void unique(
      List<Located<T>> items, Function<T, String> key, String what, String field) {
    Map<String, At> seen = new LinkedHashMap<>();
    for (Located<T> l : items) {
      At first = seen.putIfAbsent(key.apply(l.value()), l.at());
      if (first != null) {
        problems.accept(
            l.at()
                .problem(
                    what
                        + " "
                        + field
                        + " '"
                        + key.apply(l.value())
                        + "' is already given at "
                        + first.file()
                        + ":"
                        + first.line(),
                    "give each " + what + " once (an including file cannot override one)"));
      }
    }
  }

  private static <T> List<T> values(List<Located<T>> items) {
    return items.stream().map(Located::value).toList();
  }

  private static List<String> distinct(List<Located<String>> items) {
    return List.copyOf(new LinkedHashSet<>(values(items)));
  }
}
