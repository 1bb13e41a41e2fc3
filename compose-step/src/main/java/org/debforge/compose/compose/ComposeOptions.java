package org.debforge.compose.compose;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.debforge.compose.phase.PhaseListener;
import org.debforge.compose.pkgset.ContentCache;
import org.debforge.compose.pkgset.Fetcher;
import org.debforge.compose.repo.ComposeKey;
import org.debforge.compose.rootfs.RootfsBuilder;
import org.debforge.compose.rootfs.RootfsRequest;
import org.debforge.compose.source.TagRepositories;
import org.debforge.core.mirror.HostMirror;

/**
 * How to compose: where, with which cache, key and clock. Defaults are the real ones; tests and
 * hosts replace single settings with the {@code with*} methods (each returns this).
 */
public final class ComposeOptions {
  /** Makes one architecture's root; {@link RootfsBuilder#build} unless a test replaces it. */
  @FunctionalInterface
  public interface RootfsStep {
    Path build(RootfsRequest request);
  }

  Path target;
  Optional<Path> oldComposes = Optional.empty();
  Optional<ComposeKey> signingKey = Optional.empty();
  ContentCache cache;
  Fetcher fetcher = new Fetcher();
  Clock clock = Clock.systemUTC();
  ComposeIdScheme ids = ComposeIdScheme.PUNGI;
  TagRepositories tags = TagRepositories.NONE;
  RootfsStep rootfs = request -> new RootfsBuilder().build(request);
  boolean skipRootfs;
  String composeType = "production";
  PhaseListener listener = PhaseListener.NONE;
  Supplier<String> hostMirror = HostMirror::detect;

  private ComposeOptions(Path target, ContentCache cache) {
    this.target = Objects.requireNonNull(target, "target");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /** Composes into {@code target}, caching under {@code $XDG_CACHE_HOME/debforge/compose}. */
  public static ComposeOptions into(Path target, Map<String, String> env) {
    return new ComposeOptions(target, ContentCache.standard(env));
  }

  public static ComposeOptions into(Path target, ContentCache cache) {
    return new ComposeOptions(target, cache);
  }

  public Path target() {
    return target;
  }

  public ComposeOptions withOldComposes(Path dir) {
    oldComposes = Optional.ofNullable(dir);
    return this;
  }

  /** A configured key; without one, the target folder's own key is used (made on first use). */
  public ComposeOptions withSigningKey(ComposeKey key) {
    signingKey = Optional.ofNullable(key);
    return this;
  }

  public ComposeOptions withClock(Clock c) {
    clock = Objects.requireNonNull(c);
    return this;
  }

  public ComposeOptions withIds(ComposeIdScheme s) {
    ids = Objects.requireNonNull(s);
    return this;
  }

  public ComposeOptions withTags(TagRepositories t) {
    tags = Objects.requireNonNull(t);
    return this;
  }

  public ComposeOptions withRootfs(RootfsStep step) {
    rootfs = Objects.requireNonNull(step);
    return this;
  }

  public ComposeOptions withoutRootfs(boolean skip) {
    skipRootfs = skip;
    return this;
  }

  /** {@code production} (default) or {@code test}, as productmd's compose type. */
  public ComposeOptions withComposeType(String type) {
    composeType = Objects.requireNonNull(type);
    return this;
  }

  public ComposeOptions withListener(PhaseListener l) {
    listener = Objects.requireNonNull(l);
    return this;
  }

  public ComposeOptions withFetcher(Fetcher f) {
    fetcher = Objects.requireNonNull(f);
    return this;
  }

  /** Where {@code mirror:}-less Debian sources are read from (HostMirror by default). */
  public ComposeOptions withHostMirror(Supplier<String> mirror) {
    hostMirror = Objects.requireNonNull(mirror);
    return this;
  }
}
