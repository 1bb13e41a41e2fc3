package org.debforge.debmock.plugins.chrootscan;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption.Doc;

/**
 * Mock's {@code chroot_scan}: after a build (by default only a failed one) copies the files of the
 * root whose path matches one of the regexes into {@code RESULT/chroot_scan/}, keeping their paths
 * relative to the root. It scans the build's own layer, i.e. everything the build created or
 * changed (core dumps, config.log, test logs); the shared base root holds nothing of this build.
 * Only regular files are copied and symlinks are never followed, so nothing outside the root can be
 * reached through one.
 */
@AutoService(DebMockPlugin.class)
public final class ChrootScanPlugin implements DebMockPlugin<ChrootScanPlugin.Options> {
  public static final String DIR = "chroot_scan";

  /**
   * @param regexes Java regexes matched (find) against each path relative to the root, {@code
   *     build/hello-2.10/config.log}
   * @param onlyFailed scan only when the build failed
   */
  public record Options(
      @Doc("Paths to copy") List<String> regexes,
      @Doc("Scan only after a failed build") boolean onlyFailed) {
    // Mock's defaults: core dumps and logs.
    public static final Options DEFAULTS = new Options(List.of("core(\\.\\d+)?$", "\\.log$"), true);

    public Options {
      regexes = regexes == null ? List.of() : List.copyOf(regexes);
      for (int i = 0; i < regexes.size(); i++) {
        try {
          Pattern.compile(regexes.get(i));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "regexes[" + i + "] '" + regexes.get(i) + "': " + e.getDescription());
        }
      }
    }
  }

  @Override
  public String name() {
    return "chroot_scan";
  }

  @Override
  public int apiVersion() {
    return API_VERSION;
  }

  @Override
  public String description() {
    return "Copy files matching regexes out of the root into result/chroot_scan/ after a build";
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
    // umount_root fires whatever failed (even the build dependencies), while the root still exists.
    // Best-effort: a report that cannot be copied must not change the build's outcome.
    hooks.onBestEffort(
        HookStage.UMOUNT_ROOT,
        context -> {
          if (!context.operation().equals("rebuild") || context.rootPath() == null) {
            return;
          }
          if (options.onlyFailed() && "succeeded".equals(context.result().get("status"))) {
            return;
          }
          scan(context.rootPath(), context.resultDir().resolve(DIR), options.regexes());
        });
  }

  /** Copies matching regular files below {@code root} to {@code out}; returns their paths. */
  static List<String> scan(Path root, Path out, List<String> regexes) {
    List<Pattern> patterns = regexes.stream().map(Pattern::compile).toList();
    List<String> copied = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              // walkFileTree does not follow links: a symlink is visited as itself, and skipped.
              if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE;
              }
              String rel = root.relativize(file).toString();
              if (patterns.stream().anyMatch(p -> p.matcher(rel).find())) {
                Path to = out.resolve(rel);
                Files.createDirectories(to.getParent());
                Files.copy(
                    file, to, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                copied.add(rel);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE; // unreadable: not worth failing the report for
            }
          });
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "chroot_scan: cannot copy out of " + root + ": " + e.getMessage(), null, e);
    }
    return copied;
  }
}
