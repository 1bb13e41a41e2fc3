package org.debforge.compose.blueprint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded blueprint: rpm-ostree's treefile and Pungi's config in one YAML file, with its {@code
 * include:}s merged and its groups known. Per-architecture sections stay apart until {@link
 * #packages(String)} and {@link #exclude(String)} ask for one architecture.
 *
 * @param file the top blueprint file (absolute), for messages and relative paths
 * @param name the compose's short name (letters, digits, '-', '.'): in the compose id and the
 *     {@code latest-NAME} link
 * @param version the version, possibly with {@code %{date}} and {@code %{n}} (see {@link
 *     VersionScheme})
 * @param suite the suite the compose's repository is published as (e.g. bookworm)
 * @param architectures Debian architecture names, the first is the native one
 * @param sources package sources in pin order: the first that has a package wins
 * @param packages package requests (apt syntax: {@code name}, {@code name=version}, {@code
 *     name:arch}) and {@code @group} references, for every architecture
 * @param groups named package lists, referenced as {@code @name} from {@code packages}
 * @param exclude packages never to install (a request that needs one is unsatisfiable)
 * @param recommends whether Recommends are installed (apt's default is on; a compose's default is
 *     off)
 * @param required whether the Essential and Priority: required set is included (default on)
 * @param files files added to the root after packages are installed
 * @param postprocess scripts run in the root after files and users, in order, sandboxed
 * @param users system users and groups, written as sysusers.d entries
 * @param kernelArgs kernel arguments of the images made from this compose
 * @param outputs the deliverables, in the order they are made
 * @param arches per-architecture additions, keyed by Debian architecture name
 */
public record Blueprint(
    Path file,
    String name,
    String version,
    String suite,
    List<String> architectures,
    List<SourceSpec> sources,
    List<String> packages,
    Map<String, List<String>> groups,
    List<String> exclude,
    boolean recommends,
    boolean required,
    List<FileSpec> files,
    List<ScriptSpec> postprocess,
    List<UserSpec> users,
    List<String> kernelArgs,
    List<OutputSpec> outputs,
    Map<String, ArchSection> arches) {

  public Blueprint {
    architectures = List.copyOf(architectures);
    sources = List.copyOf(sources);
    packages = List.copyOf(packages);
    groups = Map.copyOf(groups);
    exclude = List.copyOf(exclude);
    files = List.copyOf(files);
    postprocess = List.copyOf(postprocess);
    users = List.copyOf(users);
    kernelArgs = List.copyOf(kernelArgs);
    outputs = List.copyOf(outputs);
    arches = Map.copyOf(arches);
  }

  /** The native architecture: the first listed. */
  public String nativeArch() {
    return architectures.get(0);
  }

  /**
   * The package requests for one architecture, groups expanded, in blueprint order, without
   * duplicates: the common list, then the architecture's section.
   */
  public List<String> packages(String arch) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    List<String> all = new ArrayList<>(packages);
    Optional.ofNullable(arches.get(arch)).ifPresent(a -> all.addAll(a.packages()));
    for (String p : all) {
      if (p.startsWith("@")) {
        out.addAll(groups.getOrDefault(p.substring(1), List.of()));
      } else {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  /** The excluded package names for one architecture: the common list and the section's. */
  public List<String> exclude(String arch) {
    LinkedHashSet<String> out = new LinkedHashSet<>(exclude);
    Optional.ofNullable(arches.get(arch)).ifPresent(a -> out.addAll(a.exclude()));
    return List.copyOf(out);
  }

  /** The version's respin scheme, which makes the compose id. */
  public VersionScheme versionScheme() {
    return new VersionScheme(version);
  }

  /** The output of a type, if the blueprint asks for it. */
  public Optional<OutputSpec> output(OutputSpec.Type type) {
    return outputs.stream().filter(o -> o.type() == type).findFirst();
  }
}
