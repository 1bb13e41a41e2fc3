package org.debforge.debmock.plugins.bindmount;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.google.auto.service.AutoService;
import java.nio.file.Path;
import java.util.List;
import org.debforge.debmock.plugin.api.Buildroot;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * Mock's {@code bind_mount}: host paths bound into the root for every command, read-write or
 * read-only, through {@link Buildroot#bindMount} at {@code postinit}. The binds live in each
 * command's private mount namespace, so none outlives the command. A target that is, or passes
 * through, a symlink in the root is refused by the engine (a config error naming the key) and again
 * by in-root.sh when it mounts.
 */
@AutoService(DebMockPlugin.class)
public final class BindMountPlugin implements DebMockPlugin<BindMountPlugin.Options> {
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
  public record Options(
      @Doc("Binds: {host, target, read_only} maps, or HOST:TARGET[:ro] strings") List<Dir> dirs) {
    public static final Options DEFAULTS = new Options(List.of());

    public Options {
      dirs = dirs == null ? List.of() : List.copyOf(dirs);
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
    return "Bind host paths into the root (read-write or read-only), per command";
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
        HookStage.POSTINIT,
        c -> {
          Buildroot root = c.buildroot();
          for (int i = 0; i < options.dirs().size(); i++) {
            Dir d = options.dirs().get(i);
            String key = "plugin_conf." + NAME + ".dirs[" + i + "]";
            root.bindMount(Path.of(d.host()), d.target(), d.readOnly(), key);
            root.log(
                "bind_mount: " + d.host() + " at " + d.target() + (d.readOnly() ? " (ro)" : ""));
          }
        });
  }
}
