package org.debforge.debmock.plugins.procenv;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * Mock's {@code procenv}: the build's process environment as dpkg-buildpackage gets it (variables,
 * limits, mounts, namespaces, kernel, user and groups, working directory, umask), written by the
 * very shell that then execs dpkg-buildpackage (a build prelude), so it is that process's
 * environment and not a look-alike; collected into the result directory when the build ends.
 */
@AutoService(DebMockPlugin.class)
public final class ProcenvPlugin implements DebMockPlugin<ProcenvPlugin.Options> {
  public static final String NAME = "procenv";

  /** Where the build's shell writes the report; under /build, which no deps layer keeps. */
  static final String IN_ROOT = "/build/.deb-mock-procenv.log";

  /**
   * @param logName the log's file name in the result directory
   */
  public record Options(@Doc("File name of the log") String logName) {
    public static final Options DEFAULTS = new Options("procenv.log");

    public Options {
      if (logName == null || logName.isEmpty() || logName.contains("/") || logName.equals("..")) {
        throw new IllegalArgumentException("log_name must be a plain file name: " + logName);
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
    return "Log the build's environment (env, ulimits, mounts, namespaces, uname, ids, umask)";
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
        HookStage.PREBUILD,
        c -> {
          c.buildroot().addBuildPrelude("procenv_log=" + IN_ROOT + "\n" + script());
          // Moved out of /build, so a chroot_scan for *.log does not copy it a second time.
          c.buildroot().collectFile(IN_ROOT, options.logName(), true);
        });
  }

  /** The shell snippet that writes the report to the file named by {@code $procenv_log}. */
  public static String script() {
    try (InputStream in = ProcenvPlugin.class.getResourceAsStream("procenv.sh")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
