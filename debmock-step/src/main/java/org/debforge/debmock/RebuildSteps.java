package org.debforge.debmock;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.debforge.debmock.build.SourcePackage;
import org.debforge.debmock.chroot.BuildRoot;
import org.debforge.debmock.chroot.RootLog;
import org.debforge.debmock.result.Artifact;
import org.debforge.debmock.result.StateLog;

/**
 * The steps of a real rebuild, for {@link BuildLifecycle}: a root from the caches, then {@link
 * Rebuild}.
 */
final class RebuildSteps implements BuildLifecycle.Steps {
  private final DebMock mock;
  private final Supplier<SourcePackage> validate;
  private final HookFirer hooks;
  private final RootLog rootLog;
  private SourcePackage source;
  private BuildRoot root;
  private Rebuild rebuild;

  RebuildSteps(DebMock mock, Supplier<SourcePackage> validate, HookFirer hooks, RootLog rootLog) {
    this.mock = mock;
    this.validate = validate;
    this.hooks = hooks;
    this.rootLog = rootLog;
  }

  @Override
  public SourcePackage validate() {
    source = validate.get();
    ArchSelection.requireSomethingToBuild(source, mock.options().buildType());
    hooks.buildPath = mock.buildPath(source);
    return source;
  }

  @Override
  public void verifyInputs(StateLog state) {
    mock.verifyHermeticInputs(state);
  }

  @Override
  public void init() {
    root = mock.prepareRoot(hooks, rootLog, mock.options().noClean());
    rebuild =
        new Rebuild(
            mock,
            source,
            root,
            hooks,
            rootLog,
            new RootLog(
                mock.options().resultDir().resolve("build.log"), mock.options().progress()));
    hooks.result.put("caches", hooks.buildroot.caches());
  }

  @Override
  public void copySource() {
    rebuild.copySourceIn();
  }

  @Override
  public void unpack() {
    rebuild.unpack();
  }

  @Override
  public void installBuildDeps(StateLog state) {
    rebuild.installBuildDeps(state);
  }

  @Override
  public void build() {
    rebuild.build();
  }

  @Override
  public List<Artifact> collect() {
    return rebuild.collect();
  }

  @Override
  public boolean hasRoot() {
    return root != null;
  }

  @Override
  public boolean keepsRoot() {
    return mock.options().noCleanupAfter() || mock.options().noClean();
  }

  @Override
  public void removeRoot() {
    root.remove();
  }

  @Override
  public void keepRoot() {
    StaleBuilds.release(root.dir());
    rootLog.line("keeping the build root " + root.dir());
  }

  @Override
  public void release() {
    if (rebuild != null) {
      rebuild.releaseAfterBuild();
    }
  }

  /** The root, for result.json's {@code chroot.kept_root}; null when init did not get that far. */
  BuildRoot root() {
    return root;
  }

  /** What the caches did, for result.json's {@code chroot.caches}. */
  Map<String, Object> caches() {
    return rebuild == null ? Map.of() : hooks.buildroot.caches();
  }
}
