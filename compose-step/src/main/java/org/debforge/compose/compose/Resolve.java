package org.debforge.compose.compose;

import java.io.PrintWriter;
import java.util.List;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.gather.GatherResult;
import org.debforge.compose.gather.Gatherer;
import org.debforge.compose.gather.Resolved;
import org.debforge.compose.lock.Lock;
import org.debforge.compose.pkgset.PackageSet;
import org.debforge.compose.pkgset.PackageSource;
import org.debforge.compose.pkgset.PkgsetLoader;

/**
 * {@code tumbi-assembler resolve}: the pkgset and gather phases alone, no compose folder: the lock
 * a compose of the blueprint would use now.
 */
public final class Resolve {
  private Resolve() {}

  /** The resolved set of one architecture and its lock (compose id empty). */
  public record Answer(GatherResult set, Lock lock) {}

  public static Answer resolve(Blueprint bp, String arch, ComposeOptions options, PrintWriter log) {
    List<PackageSource> sources = Sources.resolve(bp, options.tags, options.hostMirror);
    PackageSet set =
        new PkgsetLoader(options.fetcher, options.cache, options.clock)
            .load(sources, List.of(arch), log);
    GatherResult g = Gatherer.gather(set, StandardPhases.request(bp, arch));
    Lock lock =
        new Lock(
            "",
            g.packages().stream().map(Resolved::pkg).toList(),
            sources.stream().map(PackageSource::lock).toList());
    return new Answer(g, lock);
  }
}
