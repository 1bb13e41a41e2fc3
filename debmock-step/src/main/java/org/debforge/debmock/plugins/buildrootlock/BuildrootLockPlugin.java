package org.debforge.debmock.plugins.buildrootlock;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import org.debforge.debmock.lock.BuildrootLock;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * {@code buildroot_lock}: after the build dependencies are installed, writes {@code
 * buildroot_lock.json} to the result directory, listing every package of the build root exactly
 * (see {@link BuildrootLock}). {@code --hermetic-build LOCKFILE} installs exactly that set again,
 * offline, from the shared apt archive.
 */
@AutoService(DebMockPlugin.class)
public final class BuildrootLockPlugin implements DebMockPlugin<BuildrootLockPlugin.Options> {
  public static final String NAME = "buildroot_lock";

  /**
   * @param fileName the lock's name in the result directory
   */
  public record Options(@Doc("Name of the lock in the result dir") String fileName) {
    public static final Options DEFAULTS = new Options(BuildrootLock.FILE_NAME);

    public Options {
      if (fileName == null || !fileName.matches("[A-Za-z0-9._-]+") || fileName.startsWith(".")) {
        throw new IllegalArgumentException("file_name must be a plain file name: " + fileName);
      }
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int apiVersion() {
    return API_VERSION;
  }

  @Override
  public String description() {
    return "Write buildroot_lock.json: every package of the build root with version, arch, sha256";
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
    hooks.on(HookStage.POSTDEPS, c -> write(c, options));
  }

  private static void write(HookContext c, Options o) {
    if (c.rootPath() == null || !c.extra().containsKey("lower_dir")) {
      return;
    }
    Path status = c.rootPath().resolve("var/lib/dpkg/status");
    Path base = Path.of(c.extra().get("lower_dir"));
    String arch = String.valueOf(c.config().getOrDefault("architecture", ""));
    RootScan.scan(status, base, c.chrootName(), c.config(), arch)
        .write(c.resultDir().resolve(o.fileName()));
  }
}
