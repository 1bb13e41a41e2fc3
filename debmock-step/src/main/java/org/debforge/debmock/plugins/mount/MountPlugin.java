package org.debforge.debmock.plugins.mount;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.google.auto.service.AutoService;
import java.util.List;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.EngineSwitchPlugin;
import org.debforge.debmock.plugin.api.PluginOption;
import org.debforge.debmock.plugins.bindmount.MountTarget;

/**
 * Mock's {@code mount}: arbitrary file systems ({@code mount -t TYPE -o OPTIONS SOURCE TARGET})
 * mounted in the root for every command, inside the command's private mount namespace, so a killed
 * build leaves none on the host. The engine mounts them; this plugin holds the options.
 */
@AutoService(DebMockPlugin.class)
public final class MountPlugin extends EngineSwitchPlugin<MountPlugin.Options> {
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
  public record Options(List<Spec> mounts) {
    public Options {
      mounts = mounts == null ? List.of() : List.copyOf(mounts);
    }
  }

  public MountPlugin() {
    super(
        NAME,
        "Mount file systems (type, source, target, options) in the root, per command",
        false,
        Options.class,
        new Options(List.of()),
        List.of(
            new PluginOption(
                "mounts",
                "list",
                "[]",
                "Mounts: {type, source, target, options} maps, or TYPE:SOURCE:TARGET[:OPTIONS]")));
  }
}
