package org.debforge.compose.blueprint;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one blueprint file says, each value with where it was written, before its includes and the
 * files including it are merged. {@link #over} lays a file over what its includes made.
 */
final class Layer {
  /** A value and the place it came from, for errors found only after merging. */
  record Located<T>(T value, At at) {}

  /** A source as written; the blueprint's suite and defaults are filled in after merging. */
  record SourceDraft(
      Optional<String> name,
      Optional<URI> mirror,
      Optional<String> suite,
      Optional<List<String>> components,
      Optional<Path> keyring,
      Optional<String> tag,
      Optional<String> snapshot,
      Optional<URI> server) {}

  /** An {@code arches:} entry's lists. */
  record ArchDraft(List<Located<String>> packages, List<Located<String>> exclude) {
    ArchDraft() {
      this(new ArrayList<>(), new ArrayList<>());
    }
  }

  final Path file;
  Located<String> name;
  Located<String> version;
  Located<String> suite;
  Located<List<String>> architectures;
  Boolean recommends;
  Boolean required;
  final List<Located<SourceDraft>> sources = new ArrayList<>();
  final List<Located<String>> packages = new ArrayList<>();
  final Map<String, List<Located<String>>> groups = new LinkedHashMap<>();
  final List<Located<String>> exclude = new ArrayList<>();
  final List<Located<FileSpec>> files = new ArrayList<>();
  final List<Located<ScriptSpec>> postprocess = new ArrayList<>();
  final List<Located<UserSpec>> users = new ArrayList<>();
  final List<Located<String>> kernelArgs = new ArrayList<>();

  /** Null when the file does not say: then the includes' outputs, or the default, hold. */
  List<Located<OutputSpec>> outputs;

  final Map<String, ArchDraft> arches = new LinkedHashMap<>();

  /** The top-level keys written (even with a bad value): a bad name is not also "missing". */
  final java.util.Set<String> written = new java.util.HashSet<>();

  Layer(Path file) {
    this.file = file;
  }

  /**
   * This layer laid over {@code base}: this file's scalars win, lists are appended after the
   * base's, groups and architecture sections are merged per name. {@code architectures} is a
   * choice, not a collection, so it is replaced; {@code outputs} are replaced per type, keeping the
   * base's order and adding new types at the end.
   */
  Layer over(Layer base) {
    Layer out = new Layer(file);
    out.name = name != null ? name : base.name;
    out.version = version != null ? version : base.version;
    out.suite = suite != null ? suite : base.suite;
    out.architectures = architectures != null ? architectures : base.architectures;
    out.recommends = recommends != null ? recommends : base.recommends;
    out.required = required != null ? required : base.required;
    out.written.addAll(base.written);
    out.written.addAll(written);
    append(out.sources, base.sources, sources);
    append(out.packages, base.packages, packages);
    append(out.exclude, base.exclude, exclude);
    append(out.files, base.files, files);
    append(out.postprocess, base.postprocess, postprocess);
    append(out.users, base.users, users);
    append(out.kernelArgs, base.kernelArgs, kernelArgs);
    for (Map<String, List<Located<String>>> g : List.of(base.groups, groups)) {
      g.forEach((k, v) -> out.groups.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    }
    for (Map<String, ArchDraft> a : List.of(base.arches, arches)) {
      a.forEach(
          (k, v) -> {
            ArchDraft d = out.arches.computeIfAbsent(k, x -> new ArchDraft());
            d.packages().addAll(v.packages());
            d.exclude().addAll(v.exclude());
          });
    }
    if (base.outputs == null || outputs == null) {
      out.outputs = outputs != null ? outputs : base.outputs;
    } else {
      Map<OutputSpec.Type, Located<OutputSpec>> byType = new LinkedHashMap<>();
      base.outputs.forEach(o -> byType.put(o.value().type(), o));
      outputs.forEach(o -> byType.put(o.value().type(), o));
      out.outputs = new ArrayList<>(byType.values());
    }
    return out;
  }

  private static <T> void append(List<T> out, List<T> first, List<T> second) {
    out.addAll(first);
    out.addAll(second);
  }
}
