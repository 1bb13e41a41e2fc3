package org.debforge.debmock.plugins.overlayfs;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.chroot.Snapshots;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;

/**
 * Mock's {@code overlayfs} snapshots of the session root: {@code --snapshot NAME} freezes the
 * root's own layer as a read-only overlay layer and starts an empty one over it; {@code
 * --rollback-to NAME} throws away everything since and stacks NAME's layers again; {@code
 * --list-snapshots} and {@code --remove-snapshot NAME}. Snapshots form a tree (a snapshot taken
 * after a rollback has the rolled-back one as parent), like Mock's. Only the session root has
 * snapshots: a rebuild's fresh root lives for one build.
 */
@AutoService(DebMockPlugin.class)
public final class OverlayfsPlugin implements DebMockPlugin<OverlayfsPlugin.Options> {
  /** No options: the layers live in the session root's directory. */
  public record Options() {
    public static final Options DEFAULTS = new Options();
  }

  @Override
  public String name() {
    return "overlayfs";
  }

  @Override
  public int apiVersion() {
    return API_VERSION;
  }

  @Override
  public String description() {
    return "Snapshots of the session root as stacked overlay layers (--snapshot, --rollback-to)";
  }

  @Override
  public boolean enabledByDefault() {
    return true;
  }

  @Override
  public Options defaultOptions() {
    return Options.DEFAULTS;
  }

  @Override
  public void register(HookRegistrar hooks, Options options) {
    hooks.on(HookStage.MAKE_SNAPSHOT, c -> snapshots(c).make(name(c)));
    hooks.on(HookStage.ROLLBACK_TO, c -> snapshots(c).rollbackTo(name(c)));
    hooks.on(HookStage.REMOVE_SNAPSHOT, c -> snapshots(c).remove(name(c)));
    // Listing reads the same files; the hook only checks there is a session root to list.
    hooks.on(HookStage.LIST_SNAPSHOTS, c -> snapshots(c).list());
  }

  private static Snapshots snapshots(HookContext c) {
    Path upper = c.rootPath();
    if (upper == null) {
      throw new DebforgeException(ErrorKind.INTERNAL, "snapshot hook fired without a root");
    }
    return new Snapshots(upper.getParent());
  }

  private static String name(HookContext c) {
    return c.extra().get("snapshot");
  }
}
