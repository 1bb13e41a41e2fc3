package org.debforge.compose.blueprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.debforge.compose.blueprint.Layer.Located;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a blueprint: reads the file and its includes (each at most once, cycles refused), lays them
 * over each other, fills in defaults and checks what only the whole can tell (groups named but not
 * defined, a source name used twice, a file written twice). Every problem found is reported at
 * once, each naming its file, line, column and key. See docs/blueprint.md.
 */
public final class BlueprintLoader {
  /** How deep includes may nest (a includes b includes c ... ). */
  public static final int MAX_INCLUDE_DEPTH = 8;

  /** Past this many problems the rest is noise: the file is likely not a blueprint at all. */
  static final int MAX_PROBLEMS = 100;

  private final List<Problem> problems = new ArrayList<>();
  private final Set<Path> loaded = new HashSet<>();
  private boolean unreadable;

  private BlueprintLoader() {}

  /**
   * The blueprint in {@code file}.
   *
   * @throws DebforgeException NOT_FOUND when {@code file} does not exist
   * @throws BlueprintException CONFIG (exit 50) listing every problem, or UNSAFE_INPUT when input
   *     was refused on purpose (oversized, an alias bomb, not a regular file)
   */
  public static Blueprint load(Path file) {
    Path top = file.toAbsolutePath().normalize();
    if (!Files.exists(top)) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, file + ": no such blueprint file", "check the path");
    }
    BlueprintLoader loader = new BlueprintLoader();
    List<Path> chain = new ArrayList<>();
    chain.add(real(top));
    Layer merged = loader.layer(top, chain);
    // A file that did not parse would make "missing name" and the like follow: noise.
    Blueprint b = loader.unreadable ? null : new Finisher(top, loader::report).finish(merged);
    if (!loader.problems.isEmpty()) {
      throw new BlueprintException(loader.problems);
    }
    return b;
  }

  private void report(Problem p) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(p);
    }
  }

  /** The file laid over its includes; {@code chain} holds the real paths of the files above. */
  private Layer layer(Path file, List<Path> chain) {
    loaded.add(real(file));
    Node root;
    try {
      root = YamlFile.read(file);
    } catch (At.Reject r) {
      report(r.problem);
      unreadable = true;
      return new Layer(file);
    }
    LayerParser parser = new LayerParser(this::report);
    Layer own = parser.parse(file, root);
    Layer base = new Layer(file);
    for (Located<Path> inc : parser.includes) {
      Path path = inc.value();
      At at = inc.at();
      if (!Files.exists(path)) {
        report(
            at.problem(
                path + " does not exist", "includes are resolved against " + file.getParent()));
        continue;
      }
      if (!Files.isRegularFile(path)) {
        report(
            at.problem(
                path + " is not a regular file",
                "an include names a blueprint file",
                ErrorKind.UNSAFE_INPUT));
        continue;
      }
      Path real = real(path);
      if (chain.contains(real)) {
        List<Path> cycle = new ArrayList<>(chain.subList(chain.indexOf(real), chain.size()));
        cycle.add(real);
        report(
            at.problem(
                "include cycle: "
                    + cycle.stream().map(Path::toString).collect(Collectors.joining(" -> ")),
                "a blueprint cannot include itself, directly or through others"));
        continue;
      }
      if (chain.size() > MAX_INCLUDE_DEPTH) {
        report(
            at.problem(
                "includes nest deeper than "
                    + MAX_INCLUDE_DEPTH
                    + ": "
                    + chain.stream().map(Path::toString).collect(Collectors.joining(" -> ")),
                "flatten the includes"));
        continue;
      }
      if (loaded.contains(real)) {
        // Included twice through different files (a diamond): its lists are already in.
        continue;
      }
      List<Path> deeper = new ArrayList<>(chain);
      deeper.add(real);
      base = layer(path, deeper).over(base);
    }
    return own.over(base);
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
