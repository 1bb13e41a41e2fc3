package org.debforge.debmock;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.debforge.debmock.cache.AptArchive;
import org.debforge.debmock.chroot.BuildRoot;
import org.debforge.debmock.plugin.api.BuildDeps;
import org.debforge.debmock.plugin.api.Buildroot;
import org.debforge.debmock.plugin.api.ResolvedSet;
import org.debforge.debmock.result.StateLog;

/** What one rebuild hands its build-dependency provider: its root, its apt command, its phases. */
final class BuildDepsRequest implements BuildDeps {
  private final Rebuild rebuild;
  private final StateLog state;
  private final BuildRoot root;
  private final DebMock mock;
  private final Path dsc;
  private final List<String> aptCommand;
  private final ResolvedSet locked;
  private final AptArchive archive;

  /**
   * @param locked a hermetic build's exact packages, or null
   * @param archive the shared apt archive bound in, or null
   */
  BuildDepsRequest(
      Rebuild rebuild,
      StateLog state,
      BuildRoot root,
      DebMock mock,
      Path dsc,
      List<String> aptCommand,
      ResolvedSet locked,
      AptArchive archive) {
    this.rebuild = rebuild;
    this.state = state;
    this.root = root;
    this.mock = mock;
    this.dsc = dsc;
    this.aptCommand = List.copyOf(aptCommand);
    this.locked = locked;
    this.archive = archive;
  }

  @Override
  public Buildroot buildroot() {
    return rebuild.buildroot();
  }

  @Override
  public String configName() {
    return mock.config().name();
  }

  @Override
  public String baseRootKey() {
    return root.lower().getParent().getFileName().toString();
  }

  @Override
  public Path dsc() {
    return dsc;
  }

  @Override
  public List<String> aptCommand() {
    return aptCommand;
  }

  @Override
  public Optional<ResolvedSet> locked() {
    return Optional.ofNullable(locked);
  }

  @Override
  public Path layerCacheDir() {
    return mock.depsCacheDir();
  }

  @Override
  public ResolvedSet resolve() {
    return rebuild.resolve(aptCommand);
  }

  @Override
  public void install() {
    rebuild.runApt(aptCommand, archive);
  }

  @Override
  public void detachUpperInto(Path layerDir) throws IOException {
    root.detachUpperInto(layerDir);
  }

  @Override
  public <T> T phase(String name, Supplier<T> work) {
    return state.phase(name, work);
  }

  @Override
  public void phase(String name, Runnable work) {
    state.phase(name, work);
  }

  @Override
  public void note(String line) {
    state.note(line);
  }

  @Override
  public void releaseAfterBuild(AutoCloseable resource) {
    rebuild.releaseAfterBuild.add(resource);
  }
}
