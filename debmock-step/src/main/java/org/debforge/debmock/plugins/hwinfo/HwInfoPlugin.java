package org.debforge.debmock.plugins.hwinfo;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.LogFile;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * Mock's {@code hw_info}: records the build host's CPU, memory, free space and kernel before the
 * build, so a slow or failed build can be judged against the machine it ran on. Best-effort: a host
 * that hides its hardware must not fail a build.
 */
@AutoService(DebMockPlugin.class)
public final class HwInfoPlugin implements DebMockPlugin<HwInfoPlugin.Options> {
  /**
   * @param logName the log's file name
   */
  public record Options(@Doc("File name of the log") String logName) {
    public static final Options DEFAULTS = new Options("hw_info.log");

    public Options {
      if (logName == null || logName.isEmpty() || logName.contains("/")) {
        throw new IllegalArgumentException("log_name must be a plain file name: " + logName);
      }
    }
  }

  private static final Path PROC = Path.of("/proc");

  @Override
  public String name() {
    return "hw_info";
  }

  @Override
  public int apiVersion() {
    return API_VERSION;
  }

  @Override
  public String description() {
    return "Log the build host's CPU, memory, free disk space and kernel to hw_info.log";
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
    hooks.onBestEffort(
        HookStage.PREBUILD,
        context -> {
          Path storage = context.resultDir() != null ? context.resultDir() : LogFile.dir(context);
          LogFile.write(context, options.logName(), HwInfo.read(PROC, storage).format());
        });
  }
}
