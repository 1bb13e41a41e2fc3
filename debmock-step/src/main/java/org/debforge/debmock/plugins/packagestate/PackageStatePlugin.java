package org.debforge.debmock.plugins.packagestate;

import com.google.auto.service.AutoService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.lock.InstalledPackages;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.LogFile;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * Mock's {@code package_state}: logs the packages of the build root after the build dependencies
 * are in ({@code postdeps}) and again after the build ({@code postbuild}, so the log matches the
 * root the build really saw even if a build step installed more).
 */
@AutoService(DebMockPlugin.class)
public final class PackageStatePlugin implements DebMockPlugin<PackageStatePlugin.Options> {
  public static final String AVAILABLE_LOG = "available_pkgs.log";

  /**
   * @param installedPkgs write the installed packages log
   * @param availablePkgs also write available_pkgs.log (every package apt knows; large)
   * @param logName the installed packages log's file name
   */
  public record Options(
      @Doc("Write the installed packages log (log_name)") boolean installedPkgs,
      @Doc("Also write " + AVAILABLE_LOG + ": every package in the root's apt lists")
          boolean availablePkgs,
      @Doc("File name of the installed packages log") String logName) {
    public static final Options DEFAULTS = new Options(true, false, "installed_pkgs.log");

    public Options {
      if (logName == null || logName.isEmpty() || logName.contains("/")) {
        throw new IllegalArgumentException("log_name must be a plain file name: " + logName);
      }
    }
  }

  @Override
  public String name() {
    return "package_state";
  }

  @Override
  public int apiVersion() {
    return API_VERSION;
  }

  @Override
  public String description() {
    return "Log the build root's packages (name version arch) to installed_pkgs.log";
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
    AtomicBoolean availableDone = new AtomicBoolean();
    for (HookStage stage : new HookStage[] {HookStage.POSTDEPS, HookStage.POSTBUILD}) {
      hooks.on(
          stage,
          context -> {
            Path root = root(context);
            if (options.installedPkgs()) {
              LogFile.write(
                  context,
                  options.logName(),
                  InstalledPackages.format(
                      InstalledPackages.installed(InstalledPackages.statusFile(root))));
            }
            // The apt lists do not change during a build; once is enough (Mock does the same).
            if (options.availablePkgs() && availableDone.compareAndSet(false, true)) {
              LogFile.write(
                  context,
                  AVAILABLE_LOG,
                  InstalledPackages.format(InstalledPackages.available(root)));
            }
          });
    }
  }

  private static Path root(HookContext context) {
    Path root = context.rootPath();
    if (root == null || !Files.isRegularFile(InstalledPackages.statusFile(root))) {
      throw new DebforgeException(
          ErrorKind.CHROOT_SETUP,
          "the build root " + root + " has no dpkg database (var/lib/dpkg/status)",
          "the root was not created completely; see root.log");
    }
    return root;
  }
}
