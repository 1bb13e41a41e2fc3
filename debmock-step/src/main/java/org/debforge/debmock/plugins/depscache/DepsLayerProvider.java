package org.debforge.debmock.plugins.depscache;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.cache.DepsLayerCache;
import org.debforge.debmock.cache.ResolutionMemo;
import org.debforge.debmock.chroot.Trees;
import org.debforge.debmock.plugin.api.BuildDeps;
import org.debforge.debmock.plugin.api.BuildDepsProvider;
import org.debforge.debmock.plugin.api.Buildroot;
import org.debforge.debmock.plugin.api.ResolvedSet;

/**
 * Build dependencies from cached layers: apt first only simulates, and a layer saved by an earlier
 * build with the same resolution over the same base root is stacked instead of installing; on a
 * miss apt installs and this build's layer is saved for the next one. A session root ({@code
 * --no-clean}) keeps what is installed in it, which layering would hide, so it gets plain apt.
 */
final class DepsLayerProvider implements BuildDepsProvider {
  private final long maxBytes;

  DepsLayerProvider(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void provide(BuildDeps deps) {
    Buildroot root = deps.buildroot();
    if (!root.fresh()) {
      APT.provide(deps);
      return;
    }
    Optional<ResolvedSet> locked = deps.locked();
    ResolvedSet set =
        locked.isPresent()
            ? locked.get()
            : deps.phase("resolve build dependencies", () -> resolveRemembered(deps));
    Map<String, Object> report = new LinkedHashMap<>();
    root.reportCache(DepsCachePlugin.NAME, report);
    report.put("packages", set.packages().size());
    if (set.isEmpty()) {
      report.put("hit", false);
      deps.note("deps_cache: nothing to install");
      root.log("deps_cache: apt resolves nothing to install; apt-get not run");
      return;
    }
    String key = set.key(deps.configName() + "/" + deps.baseRootKey());
    report.put("key", key);
    DepsLayerCache cache = new DepsLayerCache(deps.layerCacheDir(), maxBytes);
    try {
      Optional<DepsLayerCache.Lease> hit = cache.acquire(key);
      if (hit.isPresent()) {
        DepsLayerCache.Lease lease = hit.get();
        deps.releaseAfterBuild(lease);
        deps.phase("stack deps layer", () -> root.stackLayer(lease.layer()));
        report.put("hit", true);
        deps.note("deps_cache: hit " + key + " (" + set.packages().size() + " packages)");
        root.log("deps_cache: hit, stacking " + lease.layer() + "; apt-get not run");
        return;
      }
      report.put("hit", false);
      deps.note("deps_cache: miss " + key);
      deps.phase("install build dependencies", deps::install);
      deps.phase("save deps layer", () -> save(deps, cache, key, set));
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.CHROOT_SETUP,
          "deps_cache: cannot read " + cache.dir() + ": " + e.getMessage(),
          "--scrub=deps-cache, or --disable-plugin=deps_cache",
          e);
    }
  }

  private static void save(BuildDeps deps, DepsLayerCache cache, String key, ResolvedSet set) {
    Path tmp = null;
    try {
      tmp = cache.newEntry();
      deps.detachUpperInto(tmp.resolve("layer"));
      DepsLayerCache.Lease lease = cache.publish(key, tmp, set);
      deps.releaseAfterBuild(lease);
      deps.buildroot().stackLayer(lease.layer());
      deps.buildroot()
          .log(
              "deps_cache: saved "
                  + (lease.privateCopy() ? "(another build saved it first) " : "")
                  + lease.layer());
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new DebforgeException(
          ErrorKind.CHROOT_SETUP,
          "deps_cache: cannot save the deps layer in " + cache.dir() + ": " + e,
          "check free space there, or --disable-plugin=deps_cache",
          e);
    }
  }

  /**
   * {@link BuildDeps#resolve}, answered from the {@link ResolutionMemo} when the same base root was
   * asked about the same .dsc with the same apt command before: its apt lists never change under
   * its key, so the same question gets the same answer.
   */
  private static ResolvedSet resolveRemembered(BuildDeps deps) {
    ResolutionMemo memo = new ResolutionMemo(deps.layerCacheDir());
    List<String> buildDep = deps.aptCommand();
    String key;
    try {
      key = ResolutionMemo.key(deps.baseRootKey(), deps.dsc(), buildDep);
    } catch (IOException e) {
      return deps.resolve();
    }
    Optional<ResolvedSet> known = memo.get(key);
    if (known.isPresent()) {
      // Name the command the memo answers for (its options, profiles), as a run would log it.
      deps.buildroot()
          .log(
              "deps_cache: resolution of '"
                  + String.join(" ", buildDep)
                  + "' over this base root is known; apt-get -s not run");
      return known.get();
    }
    ResolvedSet set = deps.resolve();
    try {
      memo.put(key, set);
    } catch (IOException e) {
      deps.buildroot().log("deps_cache: cannot remember the resolution: " + e.getMessage());
    }
    return set;
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Trees.deleteRecursively(p);
    } catch (IOException e) {
      // --scrub=deps-cache removes what is left
    }
  }
}
