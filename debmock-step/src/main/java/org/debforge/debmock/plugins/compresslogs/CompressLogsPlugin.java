package org.debforge.debmock.plugins.compresslogs;

import com.google.auto.service.AutoService;
import java.util.regex.Pattern;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.LogFile;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * Mock's {@code compress_logs}: at the end of the run ({@code process_logs}) each log of the result
 * directory is replaced by a compressed copy ({@code build.log} by {@code build.log.gz}), written
 * to a temporary file and renamed into place before the plain log is removed, so a killed run
 * leaves either log whole. result.json lists the compressed names.
 */
@AutoService(DebMockPlugin.class)
public final class CompressLogsPlugin implements DebMockPlugin<CompressLogsPlugin.Options> {
  /**
   * @param method gzip, xz or zstd
   * @param level the method's level; -1 for its default
   * @param regex which file names of the result directory are logs
   */
  public record Options(
      @Doc("gzip, xz or zstd") String method,
      @Doc("Compression level (gzip 1-9, xz 0-9, zstd 1-19); -1: default") int level,
      @Doc("File names to compress") String regex) {
    public static final Options DEFAULTS = new Options("gzip", -1, "\\.log$");

    public Options {
      LogCompressor.Method.of(method);
      LogCompressor.Method.of(method).checkLevel(level);
      Pattern.compile(regex);
    }
  }

  @Override
  public String name() {
    return "compress_logs";
  }

  @Override
  public int apiVersion() {
    return API_VERSION;
  }

  @Override
  public String description() {
    return "Compress the logs of the result directory (gzip, xz or zstd) at the end";
  }

  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public Options defaultOptions() {
    return Options.DEFAULTS;
  }

  @Override
  public void register(HookRegistrar hooks, Options options) {
    hooks.on(
        HookStage.PROCESS_LOGS,
        context ->
            new LogCompressor(LogCompressor.Method.of(options.method()), options.level())
                .compressAll(LogFile.dir(context), Pattern.compile(options.regex())));
  }
}
