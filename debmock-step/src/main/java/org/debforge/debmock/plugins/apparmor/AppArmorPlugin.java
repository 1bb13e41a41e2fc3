package org.debforge.debmock.plugins.apparmor;

import com.google.auto.service.AutoService;
import java.util.List;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * Confines the build user's commands (dpkg-source, dpkg-buildpackage) with a generated AppArmor
 * profile, Debian's counterpart of Mock's SELinux handling. Where the kernel has no AppArmor, or
 * apparmor_parser/aa-exec are missing, an enabled plugin fails the operation before anything runs
 * and says which of these is missing: a build that asked for confinement must never run unconfined
 * in silence. From {@code postinit} on the build user's commands run under {@code aa-exec} ({@link
 * org.debforge.debmock.plugin.api.Buildroot#confineBuildCommands}).
 */
@AutoService(DebMockPlugin.class)
public final class AppArmorPlugin implements DebMockPlugin<AppArmorPlugin.Options> {
  public static final String NAME = "apparmor";

  /**
   * @param profile the profile's name (loaded with apparmor_parser -r)
   * @param extraRules more rules for the profile's body, one per item, e.g. {@code deny /srv/**
   *     rw,}
   */
  public record Options(
      @Doc("Name of the generated profile") String profile,
      @Doc("More AppArmor rules for the profile, each ending ','") List<String> extraRules) {
    public static final Options DEFAULTS = new Options("deb-mock-build", List.of());

    public Options {
      if (profile == null || !profile.matches("[a-z0-9][a-z0-9._-]*")) {
        throw new IllegalArgumentException("profile must be a simple name: " + profile);
      }
      extraRules = extraRules == null ? List.of() : List.copyOf(extraRules);
      for (String r : extraRules) {
        if (!r.strip().endsWith(",") || r.contains("{") || r.contains("}") || r.contains("\n")) {
          throw new IllegalArgumentException(
              "extra_rules: '" + r + "' must be one AppArmor rule ending with ','");
        }
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
    return "Run the build confined by a generated AppArmor profile (fails where unavailable)";
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
    // Before the root is made: a host without AppArmor fails at once, naming what is missing.
    hooks.on(HookStage.PREINIT, context -> AppArmor.host().requireAvailable());
    hooks.on(
        HookStage.POSTINIT,
        c -> {
          c.buildroot().confineBuildCommands(AppArmor.host().load(options, c.buildroot().dir()));
          c.buildroot()
              .log("apparmor: build user's commands confined by profile " + options.profile());
        });
  }
}
