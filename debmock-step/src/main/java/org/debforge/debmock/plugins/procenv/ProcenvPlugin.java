package org.debforge.debmock.plugins.procenv;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.EngineSwitchPlugin;
import org.debforge.debmock.plugin.api.PluginOption;

/**
 * Mock's {@code procenv}: the build's process environment as dpkg-buildpackage gets it (variables,
 * limits, mounts, namespaces, kernel, user and groups, working directory, umask), written by the
 * very shell that then execs dpkg-buildpackage, so it is that process's environment and not a
 * look-alike. The engine prepends {@link #script()} to the build command and copies the log out.
 */
@AutoService(DebMockPlugin.class)
public final class ProcenvPlugin extends EngineSwitchPlugin<ProcenvPlugin.Options> {
  public static final String NAME = "procenv";

  /**
   * @param logName the log's file name in the result directory
   */
  public record Options(String logName) {
    public Options {
      if (logName == null || logName.isEmpty() || logName.contains("/") || logName.equals("..")) {
        throw new IllegalArgumentException("log_name must be a plain file name: " + logName);
      }
    }
  }

  public ProcenvPlugin() {
    super(
        NAME,
        "Log the build's environment (env, ulimits, mounts, namespaces, uname, ids, umask)",
        false,
        Options.class,
        new Options("procenv.log"),
        List.of(new PluginOption("log_name", "string", "procenv.log", "File name of the log")));
  }

  /** The shell snippet that writes the report to the file named by {@code $1}. */
  public static String script() {
    try (InputStream in = ProcenvPlugin.class.getResourceAsStream("procenv.sh")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
