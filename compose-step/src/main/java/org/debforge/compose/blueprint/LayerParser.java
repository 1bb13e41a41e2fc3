package org.debforge.compose.blueprint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.debforge.compose.blueprint.Layer.ArchDraft;
import org.debforge.compose.blueprint.Layer.Located;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one blueprint file's mapping into a {@link Layer}. Each top-level key is read on its own: a
 * bad value is reported and the next key is still read, so one run lists every problem.
 */
final class LayerParser {
  static final Set<String> KEYS =
      Set.of(
          "name",
          "version",
          "suite",
          "architectures",
          "sources",
          "packages",
          "groups",
          "exclude",
          "recommends",
          "required",
          "files",
          "postprocess",
          "users",
          "kernel-args",
          "outputs",
          "arches",
          "include");

  private static final Set<String> ARCH_KEYS = Set.of("packages", "exclude");

  private final Consumer<Problem> sink;
  private final List<Problem> found = new ArrayList<>();
  private final Consumer<Problem> problems = found::add;
  private final Sections sections;

  /** The includes the file names, resolved against its folder, in order. */
  final List<Located<Path>> includes = new ArrayList<>();

  LayerParser(Consumer<Problem> sink) {
    this.sink = sink;
    this.sections = new Sections(problems);
  }

  /** The file's layer; its problems go to the sink in line order, whatever order found them. */
  Layer parse(Path file, Node root) {
    try {
      return parseTop(file, root);
    } finally {
      found.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
      found.forEach(sink);
    }
  }

  private Layer parseTop(Path file, Node root) {
    Layer layer = new Layer(file);
    if (root == null) {
      problems.accept(
          new At(file, "", null)
              .problem(
                  "is empty",
                  "a blueprint needs at least name, version," + " suite and architectures"));
      return layer;
    }
    At top = new At(file, "", root);
    if (root instanceof MappingNode m
        && !m.getValue().isEmpty()
        && m.getValue().stream()
            .noneMatch(
                t -> t.getKeyNode() instanceof ScalarNode k && KEYS.contains(k.getValue()))) {
      // Not a blueprint at all (an include pointing at the wrong file, maybe a secret one): say
      // so once, without quoting its keys.
      problems.accept(
          top.problem(
              "is not a blueprint: none of its keys is a blueprint key",
              "allowed keys: " + String.join(", ", KEYS.stream().sorted().toList())));
      return layer;
    }
    Map<String, At> keys;
    try {
      keys = Nodes.mapping(top, "a blueprint", KEYS, problems);
    } catch (At.Reject r) {
      problems.accept(r.problem);
      return layer;
    }
    keys.forEach(
        (key, at) -> {
          layer.written.add(key);
          try {
            read(layer, key, at);
          } catch (At.Reject r) {
            problems.accept(r.problem);
          }
        });
    return layer;
  }

  private void read(Layer layer, String key, At at) {
    switch (key) {
      case "name" ->
          layer.name = located(Nodes.text(at, Names.COMPOSE_NAME, Names.COMPOSE_NAME_HINT), at);
      case "version" -> layer.version = located(version(at), at);
      case "suite" -> layer.suite = located(Nodes.text(at, Names.SUITE, Names.SUITE_HINT), at);
      case "architectures" -> layer.architectures = located(architectures(at), at);
      case "recommends" -> layer.recommends = Nodes.bool(at);
      case "required" -> layer.required = Nodes.bool(at);
      case "sources" -> each(at, i -> layer.sources.add(located(sections.source(i), i)));
      case "packages" -> requests(at, layer.packages, true);
      case "exclude" -> names(at, layer.exclude);
      case "groups" -> groups(layer, at);
      case "files" -> each(at, i -> layer.files.add(located(sections.file(i), i)));
      case "postprocess" -> each(at, i -> layer.postprocess.add(located(sections.script(i), i)));
      case "users" -> each(at, i -> layer.users.add(located(sections.user(i), i)));
      case "kernel-args" ->
          each(
              at,
              i ->
                  layer.kernelArgs.add(
                      located(
                          Nodes.text(
                              i,
                              Sections.KERNEL_ARG,
                              "printable ASCII without spaces," + " e.g. console=ttyS0,115200"),
                          i)));
      case "outputs" -> {
        if (Nodes.sequence(at).isEmpty()) {
          throw at.reject(
              "must list at least one output", "leave it out for the default [repo, rootfs]");
        }
        layer.outputs = new ArrayList<>();
        Set<OutputSpec.Type> seen = new LinkedHashSet<>();
        each(
            at,
            i -> {
              OutputSpec o = sections.output(i);
              if (!seen.add(o.type())) {
                throw i.reject("output '" + o.type().key() + "' is listed twice", "list each once");
              }
              layer.outputs.add(located(o, i));
            });
      }
      case "arches" -> arches(layer, at);
      case "include" -> {
        List<At> items = Nodes.isText(at) ? List.of(at) : Nodes.sequence(at);
        for (At i : items) {
          try {
            includes.add(located(Sections.relative(i, Nodes.text(i)), i));
          } catch (At.Reject r) {
            problems.accept(r.problem);
          }
        }
      }
      default -> throw new IllegalStateException(key);
    }
  }

  private static String version(At at) {
    String v = Nodes.text(at);
    String bad = VersionScheme.check(v);
    if (bad != null) {
      throw at.reject("'" + Nodes.printable(v) + "': " + bad, VersionScheme.HINT);
    }
    return v;
  }

  private List<String> architectures(At at) {
    List<String> out = new ArrayList<>();
    for (At i : Nodes.sequence(at)) {
      String a = Nodes.text(i);
      if (!Names.isArch(a)) {
        throw i.reject(
            "unknown architecture '" + Nodes.printable(a) + "'",
            "a Debian architecture name dpkg knows, e.g. amd64, arm64, i386, riscv64");
      }
      if (out.contains(a)) {
        throw i.reject("architecture '" + a + "' is listed twice", "list each once");
      }
      out.add(a);
    }
    if (out.isEmpty()) {
      throw at.reject("must list at least one architecture", "e.g. [amd64]; the first is native");
    }
    return out;
  }

  /** Runs {@code item} on every list item, reporting a bad one and going on with the rest. */
  private void each(At at, Consumer<At> item) {
    for (At i : Nodes.sequence(at)) {
      try {
        item.accept(i);
      } catch (At.Reject r) {
        problems.accept(r.problem);
      }
    }
  }

  private void requests(At at, List<Located<String>> out, boolean groupsAllowed) {
    each(
        at,
        i -> {
          String r = Nodes.text(i);
          String bad = Names.checkRequest(r);
          if (bad == null && r.startsWith("@") && !groupsAllowed) {
            bad = "a group cannot name another group";
          }
          if (bad != null) {
            throw i.reject("'" + Nodes.printable(r) + "': " + bad, Names.PACKAGE_HINT);
          }
          out.add(located(r, i));
        });
  }

  private void names(At at, List<Located<String>> out) {
    each(
        at,
        i ->
            out.add(
                located(
                    Nodes.text(i, Names.PACKAGE, "a plain Debian package name, e.g. nano"), i)));
  }

  private void groups(Layer layer, At at) {
    Nodes.mapping(at, "groups", null, problems)
        .forEach(
            (name, g) -> {
              try {
                if (!Names.GROUP.matcher(name).matches()) {
                  throw g.reject(
                      "bad group name '" + Nodes.printable(name) + "'", Names.GROUP_HINT);
                }
                List<Located<String>> members = new ArrayList<>();
                requests(g, members, false);
                layer.groups.computeIfAbsent(name, k -> new ArrayList<>()).addAll(members);
              } catch (At.Reject r) {
                problems.accept(r.problem);
              }
            });
  }

  private void arches(Layer layer, At at) {
    Nodes.mapping(at, "arches", null, problems)
        .forEach(
            (arch, section) -> {
              try {
                if (!Names.isArch(arch)) {
                  throw section.reject(
                      "unknown architecture '" + Nodes.printable(arch) + "'",
                      "a Debian architecture name dpkg knows, e.g. amd64, arm64");
                }
                ArchDraft d = layer.arches.computeIfAbsent(arch, k -> new ArchDraft());
                Nodes.mapping(section, "an architecture section", ARCH_KEYS, problems)
                    .forEach(
                        (k, v) -> {
                          try {
                            if (k.equals("packages")) {
                              requests(v, d.packages(), true);
                            } else {
                              names(v, d.exclude());
                            }
                          } catch (At.Reject r) {
                            problems.accept(r.problem);
                          }
                        });
              } catch (At.Reject r) {
                problems.accept(r.problem);
              }
            });
  }

  private static <T> Located<T> located(T value, At at) {
    return new Located<>(value, at);
  }
}
