package org.debforge.compose.compose;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.gather.GatherRequest;
import org.debforge.compose.gather.GatherResult;
import org.debforge.compose.gather.Gatherer;
import org.debforge.compose.gather.Resolved;
import org.debforge.compose.live.LiveBuilder;
import org.debforge.compose.live.LiveOptions;
import org.debforge.compose.live.LivePackages;
import org.debforge.compose.live.LiveRequest;
import org.debforge.compose.metadata.ComposeMetadata;
import org.debforge.compose.metadata.Image;
import org.debforge.compose.phase.Phase;
import org.debforge.compose.pkgset.ContentCache;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Pungi's live media phase for Debian: per architecture, a hybrid live ISO made by live-build from
 * the compose's exact-set repository (docs/compose-live.md). Gather put what live-build installs
 * into the set ({@link #request}), so the repository stays the whole truth.
 */
final class LivePhase implements Phase<ComposeContext> {
  @Override
  public String name() {
    return "live";
  }

  @Override
  public boolean failable(ComposeContext c) {
    return c.blueprint.output(OutputSpec.Type.LIVE).map(OutputSpec::failable).orElse(false);
  }

  @Override
  public boolean applies(ComposeContext c) {
    return c.blueprint.output(OutputSpec.Type.LIVE).isPresent();
  }

  /** What is wrong with the blueprint's live output, seen before any work (empty when nothing). */
  static Optional<String> problem(Blueprint bp) {
    return bp.output(OutputSpec.Type.LIVE).flatMap(o -> LiveOptions.problem(o.options()));
  }

  /** The live output's options; {@code version} names the default volume id. */
  static LiveOptions options(Blueprint bp, String version) {
    OutputSpec out = bp.output(OutputSpec.Type.LIVE).orElseThrow();
    return LiveOptions.of(out.options(), bp.name() + " " + version);
  }

  /** The blueprint's packages plus, with a live output, what live-build needs from the set. */
  static List<String> withLivePackages(Blueprint bp, String arch, List<String> packages) {
    if (bp.output(OutputSpec.Type.LIVE).isEmpty()) {
      return packages;
    }
    List<String> all = new ArrayList<>(packages);
    LivePackages.all(arch, options(bp, bp.version())).stream()
        .filter(p -> !all.contains(p))
        .forEach(all::add);
    return all;
  }

  @Override
  public void run(ComposeContext c, PrintWriter log) throws IOException {
    LiveOptions options =
        options(
            c.blueprint, c.blueprint.versionScheme().expand(c.header.date(), c.header.respin()));
    List<Map<String, Object>> recorded = new ArrayList<>();
    for (String arch : c.blueprint.architectures()) {
      List<String> packages = liveSystem(c, arch);
      Path archLog = c.layout.logs().resolve("live." + arch + ".log");
      Path iso = c.layout.images(arch).resolve(c.header.id() + "-" + arch + "-live.iso");
      log.println(
          "live: "
              + arch
              + ": lb build of "
              + packages.size()
              + " packages, boot loaders "
              + String.join(",", options.bootloaders())
              + " (log "
              + archLog
              + ")");
      log.flush();
      LiveBuilder.LiveIso made =
          new LiveBuilder()
              .build(
                  new LiveRequest(
                      c.repo.root(),
                      c.repo.keyring(),
                      c.blueprint.suite(),
                      arch,
                      packages,
                      c.blueprint.files(),
                      c.blueprint.postprocess(),
                      c.blueprint.kernelArgs(),
                      options,
                      c.layout.work().resolve("live").resolve(arch),
                      iso,
                      archLog));
      long size = Files.size(iso);
      log.println(
          String.format(
              Locale.ROOT,
              "live: %s: %s, %.1f MiB, lb build %.0f s",
              arch,
              iso.getFileName(),
              size / 1048576.0,
              made.buildSeconds()));
      c.images.add(
          new Image(
              ComposeMetadata.VARIANT,
              arch,
              c.layout.compose().relativize(iso).toString(),
              size,
              ContentCache.sha256(iso),
              "iso",
              "live",
              Files.getLastModifiedTime(iso).toMillis() / 1000,
              true,
              options.volumeId()));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("arch", arch);
      m.put("bootloaders", options.bootloaders());
      m.put("lb_build_seconds", Math.round(made.buildSeconds()));
      recorded.add(m);
    }
    c.extra.put("live", recorded);
  }

  /**
   * The live system's packages: the set resolved for the blueprint's packages and the live system's
   * own, without live-build's tools (those go into its build chroot, not the ISO's root). Each must
   * be in the compose's set, or apt in the chroot could not install it.
   */
  static List<String> liveSystem(ComposeContext c, String arch) {
    List<String> request = new ArrayList<>(c.blueprint.packages(arch));
    LivePackages.system(arch).stream().filter(p -> !request.contains(p)).forEach(request::add);
    GatherResult g =
        Gatherer.gather(
            c.pkgset,
            new GatherRequest(
                arch,
                request,
                c.blueprint.exclude(arch),
                c.blueprint.required(),
                c.blueprint.recommends()));
    Set<String> inSet =
        c.gathered.get(arch).packages().stream()
            .map(r -> r.pkg().name() + "=" + r.pkg().version())
            .collect(Collectors.toSet());
    List<String> names = new ArrayList<>();
    List<String> outside = new ArrayList<>();
    for (Resolved r : g.packages()) {
      String key = r.pkg().name() + "=" + r.pkg().version();
      if (inSet.contains(key)) {
        names.add(r.pkg().name());
      } else {
        outside.add(key);
      }
    }
    if (!outside.isEmpty()) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "live: " + arch + ": the live system resolves to packages outside the set: " + outside,
          "add them to the blueprint's packages so that gather puts them in the repository");
    }
    return names;
  }
}
