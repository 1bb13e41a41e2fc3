package org.debforge.debmock.plugins.mount;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.google.auto.service.AutoService;
import java.util.List;
import org.debforge.debmock.plugin.api.Buildroot;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption.Doc;
import org.debforge.debmock.plugins.bindmount.MountTarget;

/**
 * Mock's {@code mount}: arbitrary file systems ({@code mount -t TYPE -o OPTIONS SOURCE TARGET})
 * mounted in the root for every command through {@link Buildroot#mount} at {@code postinit}, inside
 * the command's private mount namespace, so a killed build leaves none on the host.
 */
@AutoService(DebMockPlugin.class)
public final class MountPlugin implements DebMockPlugin<MountPlugin.Options> {
  public static final String NAME = "mount";

  /**
   * One mount: YAML {@code {type: tmpfs, source: tmpfs, target: /scratch, options: size=64M}} or
   * {@code TYPE:SOURCE:TARGET[:OPTIONS]}, where on the command line options are separated by {@code
   * ;} (a comma separates list items there).
   */
  public record Spec(String type, String source, String target, String options) {
    public Spec {
      if (type == null || !type.matches("[a-z0-9._-]+")) {
        throw new IllegalArgumentException("type must be a file system type: " + type);
      }
      if (source == null || source.isEmpty() || source.contains("\t") || source.contains("\n")) {
        throw new IllegalArgumentException("source must be set: " + source);
      }
      MountTarget.check(target);
      options = options == null ? "" : options.replace(';', ',');
      if (options.contains("\t") || options.contains("\n") || options.contains(" ")) {
        throw new IllegalArgumentException("options have whitespace: " + options);
      }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Spec parse(String spec) {
      String[] p = spec.split(":", 4);
      if (p.length < 3) {
        throw new IllegalArgumentException("'" + spec + "' is not TYPE:SOURCE:TARGET[:OPTIONS]");
      }
      return new Spec(p[0], p[1], p[2], p.length == 4 ? p[3] : "");
    }
  }

  /**
   * @param mounts the file systems, in mount order
   */
  public record Options(
      @Doc("Mounts: {type, source, target, options} maps, or TYPE:SOURCE:TARGET[:OPTIONS]")
          List<Spec> mounts) {
    public static final Options DEFAULTS = new Options(List.of());

    public Options {
      mounts = mounts == null ? List.of() : List.copyOf(mounts);
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
    return "Mount file systems (type, source, target, options) in the root, per command";
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
          for (int i = 0; i < options.mounts().size(); i++) {
            Spec m = options.mounts().get(i);
            String key = "plugin_conf." + NAME + ".mounts[" + i + "]";
            root.mount(m.type(), m.source(), m.target(), m.options(), key);
            root.log("mount: " + m.type() + " " + m.source() + " at " + m.target());
          }
        });
  }
}
