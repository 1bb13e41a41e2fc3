package org.debforge.debmock.plugins.aptrequest;

import com.google.auto.service.AutoService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.debforge.debmock.lock.InstalledPackages;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.LogFile;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * Logs every apt operation deb-mock runs in the root: what was asked ({@code build-dep}, {@code
 * install}...), the packages requested, apt's exit code, and what really changed, each package with
 * its exact version and architecture. The change is the difference of the root's dpkg database
 * before and after (read with package_state's {@link InstalledPackages}), so it is what dpkg did,
 * not what apt printed. A deps_cache hit runs no apt and logs nothing.
 */
@AutoService(DebMockPlugin.class)
public final class AptRequestPlugin implements DebMockPlugin<AptRequestPlugin.Options> {
  /**
   * @param logName the log's file name
   */
  public record Options(@Doc("File name of the log") String logName) {
    public static final Options DEFAULTS = new Options("apt_request.log");

    public Options {
      if (logName == null || logName.isEmpty() || logName.contains("/") || logName.equals("..")) {
        throw new IllegalArgumentException("log_name must be a plain file name: " + logName);
      }
    }
  }

  @Override
  public String name() {
    return "apt_request";
  }

  @Override
  public int apiVersion() {
    return API_VERSION;
  }

  @Override
  public String description() {
    return "Log every apt operation: request, exit code, packages changed with versions";
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
    AptRequestLog log = new AptRequestLog();
    hooks.onBestEffort(HookStage.PREAPT, context -> log.before(installed(context), now()));
    hooks.onBestEffort(
        HookStage.POSTAPT,
        context -> {
          Map<String, String> extra = context.extra();
          log.after(
              extra.getOrDefault("apt", context.operation()),
              context.packages(),
              extra.get("exit_code"),
              installed(context),
              now());
          LogFile.write(context, options.logName(), log.text());
        });
  }

  private static List<InstalledPackages.Entry> installed(HookContext context) {
    if (context.rootPath() == null) {
      return List.of();
    }
    return InstalledPackages.installed(InstalledPackages.statusFile(context.rootPath()));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }
}
