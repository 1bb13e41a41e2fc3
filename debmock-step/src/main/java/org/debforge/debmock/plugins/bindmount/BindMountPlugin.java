package org.debforge.debmock.plugins.bindmount;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.google.auto.service.AutoService;
import java.util.List;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.EngineSwitchPlugin;
import org.debforge.debmock.plugin.api.PluginOption;

/**
 * Mock's {@code bind_mount}: host paths bound into the root for every command, read-write or
 * read-only. The binds live in each command's private mount namespace, so none outlives the
 * command. The engine adds them (a hook cannot change the root's mounts); this plugin is the switch
 * and holds the options. A target that is, or passes through, a symlink in the root is refused
 * before the build (a config error naming the key) and again by in-root.sh when it mounts.
 */
@AutoService(DebMockPlugin.class)
public final class BindMountPlugin extends EngineSwitchPlugin<BindMountPlugin.Options> {
  public static final String NAME = "bind_mount";

  /**
   * One bind: YAML {@code {host: /srv/data, target: /data, read_only: true}} or the short form
   * {@code HOST:TARGET[:ro]} (also on the command line).
   */
  public record Dir(String host, String target, boolean readOnly) {
    public Dir {
      if (host == null || !host.startsWith("/")) {
        throw new IllegalArgumentException("host must be an absolute path: " + host);
      }
      MountTarget.check(target);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Dir parse(String spec) {
      String[] p = spec.split(":", -1);
      if (p.length < 2 || p.length > 3 || (p.length == 3 && !p[2].equals("ro"))) {
        throw new IllegalArgumentException("'" + spec + "' is not HOST:TARGET or HOST:TARGET:ro");
      }
      return new Dir(p[0], p[1], p.length == 3);
    }
  }

  /**
   * @param dirs the binds, in mount order
   */
  public record Options(List<Dir> dirs) {
    public Options {
      dirs = dirs == null ? List.of() : List.copyOf(dirs);
    }
  }

  public BindMountPlugin() {
    super(
        NAME,
        "Bind host paths into the root (read-write or read-only), per command",
        false,
        Options.class,
        new Options(List.of()),
        List.of(
            new PluginOption(
                "dirs",
                "list",
                "[]",
                "Binds: {host, target, read_only} maps, or HOST:TARGET[:ro] strings")));
  }
}
