package org.debforge.debmock.plugins.exportimage;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * {@code export_buildroot_image}: after the build dependencies are installed, the build root (base
 * root, deps layer and this build's layer, without {@code /build}) as a one-layer OCI image in
 * {@code oci-archive} format in the result directory: {@code skopeo inspect
 * oci-archive:buildroot.oci.tar}, or {@code podman run oci-archive:...} for the exact environment
 * of the build.
 *
 * <p>The layers are merged by the kernel: a read-only overlay of all of them (this build's layer
 * used as the topmost lower layer, so whiteouts and opaque directories mean what they mean in the
 * build) is mounted in a private mount namespace and GNU tar reads it.
 */
@AutoService(DebMockPlugin.class)
public final class ExportBuildrootImagePlugin
    implements DebMockPlugin<ExportBuildrootImagePlugin.Options> {
  public static final String NAME = "export_buildroot_image";

  /**
   * @param fileName the archive's name in the result directory
   * @param tag the image's reference name in the layout (skopeo/umoci {@code oci:DIR:TAG})
   */
  public record Options(
      @Doc("Archive name in result dir") String fileName,
      @Doc("Reference name of the image in the layout") String tag) {
    public static final Options DEFAULTS = new Options("buildroot.oci.tar", "latest");

    public Options {
      if (fileName == null || !fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new IllegalArgumentException("file_name must be a plain file name: " + fileName);
      }
      if (tag == null || !tag.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}")) {
        throw new IllegalArgumentException("tag must be an OCI tag: " + tag);
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
    return "Export the build root after deps install as an OCI image (oci-archive)";
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
  public void register(HookRegistrar hooks, Options o) {
    hooks.on(HookStage.POSTDEPS, c -> export(c, o));
  }

  private static void export(HookContext c, Options o) {
    String upper = c.extra().get("upper_dir");
    String lowers = c.extra().get("lower_dirs");
    if (upper == null || lowers == null) {
      return;
    }
    Path mnt = null;
    try {
      mnt = Files.createTempDirectory("deb-mock-export-");
      // Read-only overlay of only lower layers: nothing is written to any layer.
      String script =
          "mount -t overlay overlay -o ro,lowerdir=\"$1\" \"$2\" && cd \"$2\" && exec tar"
              + " --create --numeric-owner --xattrs --xattrs-include='security.capability'"
              + " --sort=name --one-file-system --exclude=./build/* --exclude=./proc/*"
              + " --exclude=./dev/* -f - .";
      List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private"));
      cmd.addAll(List.of("/bin/sh", "-c", script, "export", upper + ":" + lowers, mnt.toString()));
      Path err = Files.createTempFile("deb-mock-export-", ".err");
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      String arch = String.valueOf(c.config().getOrDefault("architecture", "amd64"));
      try (InputStream tar = p.getInputStream()) {
        OciArchive.write(
            tar,
            arch,
            o.tag(),
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
            c.resultDir().resolve(o.fileName()));
      }
      int rc = p.waitFor();
      String stderr = Files.readString(err).strip();
      Files.deleteIfExists(err);
      if (rc != 0) {
        Files.deleteIfExists(c.resultDir().resolve(o.fileName()));
        throw new DebforgeException(
            ErrorKind.PLUGIN_FAILED,
            "export_buildroot_image: reading the root failed (exit " + rc + "): " + stderr,
            "deb-mock must run as root (it mounts an overlay)");
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "export_buildroot_image: " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebforgeException(ErrorKind.INTERNAL, "export_buildroot_image: interrupted", null);
    } finally {
      if (mnt != null) {
        try {
          Files.deleteIfExists(mnt);
        } catch (IOException e) {
          // an empty directory in /tmp
        }
      }
    }
  }
}
