package org.debforge.debmock.plugins.debiansource;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import java.util.List;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.LogFile;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * Checks a source package before any root is made for it: its format is one the config allows and
 * its files fit that format, its checksums (and, with a keyring, its signature) verify, and it
 * unpacks with every patch applied (dpkg-source -x in a scratch directory on the host, as an
 * unprivileged user). A patch that does not apply fails the build in seconds, naming the patch,
 * instead of after the root and the build dependencies were set up.
 */
@AutoService(DebMockPlugin.class)
public final class DebianSourcePlugin implements DebMockPlugin<DebianSourcePlugin.Options> {
  /**
   * @param formats the source formats accepted
   * @param keyring keyring files the .dsc must be signed by; empty: no signature check here
   * @param checkPatches unpack on the host to check that every patch applies
   */
  public record Options(
      @Doc("Accepted source formats (Format field)") List<String> formats,
      @Doc("Keyring files the .dsc must be signed by (empty: no check)") List<String> keyring,
      @Doc("Unpack on the host: every patch must apply") boolean checkPatches) {
    public static final Options DEFAULTS = new Options(SourceFormatCheck.KNOWN, List.of(), true);

    public Options {
      formats = formats == null ? List.of() : List.copyOf(formats);
      for (String f : formats) {
        if (!SourceFormatCheck.KNOWN.contains(f)) {
          throw new IllegalArgumentException(
              "formats: '" + f + "' is not one of " + SourceFormatCheck.KNOWN);
        }
      }
      keyring = keyring == null ? List.of() : List.copyOf(keyring);
      for (String k : keyring) {
        if (!k.startsWith("/")) {
          throw new IllegalArgumentException("keyring: '" + k + "' must be an absolute path");
        }
      }
    }
  }

  @Override
  public String name() {
    return "debian_source";
  }

  @Override
  public int apiVersion() {
    return API_VERSION;
  }

  @Override
  public String description() {
    return "Check the .dsc (format, checksums, signature) and that its patches apply, up front";
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
        HookStage.PREINIT,
        context -> {
          String dsc = context.extra().get("dsc");
          if (dsc == null) {
            return; // not a build: --init, --shell...
          }
          String report =
              new SourceFormatCheck(
                      options.formats(), options.keyring().stream().map(Path::of).toList())
                  .check(Path.of(dsc), options.checkPatches());
          LogFile.write(context, "debian_source.log", report);
        });
  }
}
