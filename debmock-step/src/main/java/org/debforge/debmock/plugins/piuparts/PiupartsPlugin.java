package org.debforge.debmock.plugins.piuparts;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.plugin.api.DebMockPlugin;
import org.debforge.debmock.plugin.api.HookContext;
import org.debforge.debmock.plugin.api.HookRegistrar;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.PluginOption.Doc;
import org.debforge.debmock.plugin.api.QaReport.OnFailure;
import org.debforge.debmock.plugin.api.ScratchRoot;
import org.debforge.debmock.plugins.qa.JunitCase;
import org.debforge.debmock.plugins.qa.QaFiles;

/**
 * Real piuparts on the built .debs after a successful build: install and purge in a fresh root, and
 * install the archive's version, upgrade to ours and purge when apt knows the package. The root is
 * the build's own cached base root: piuparts copies the directory it is given ({@code
 * --existing-chroot}, {@code cp -ax}) and never writes to it; the copy lives in a scratch root's
 * work directory. piuparts runs in that scratch root's private namespaces, so its mounts (proc,
 * devpts) die with them. Log in {@code qa/piuparts.log}, JUnit in {@code qa/junit-piuparts.xml}.
 */
@AutoService(DebMockPlugin.class)
public final class PiupartsPlugin implements DebMockPlugin<PiupartsPlugin.Options> {
  public static final String NAME = "piuparts";

  /**
   * @param onFailure unstable or fail
   * @param extraArgs more piuparts arguments, e.g. --warn-on-leftovers-after-purge
   */
  public record Options(
      @Doc("unstable or fail: a build whose QA did not pass") String onFailure,
      @Doc("More piuparts arguments") List<String> extraArgs) {
    public static final Options DEFAULTS = new Options("unstable", List.of());

    public Options {
      OnFailure.of(onFailure);
      extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
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
    return "Run piuparts (install, upgrade, purge) on the built .debs over the base root";
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
    hooks.on(HookStage.POSTBUILD, c -> check(c, o));
  }

  private static void check(HookContext c, Options o) {
    if (!QaFiles.buildSucceeded(c)) {
      return;
    }
    String classname = QaFiles.classname(c, NAME);
    OnFailure policy = OnFailure.of(o.onFailure());
    Path log = QaFiles.dir(c).resolve("piuparts.log");
    List<Path> debs = debs(QaFiles.buildOutput(c));
    if (debs.isEmpty()) {
      QaFiles.report(
          c,
          NAME,
          List.of(
              JunitCase.of(
                  classname,
                  PiupartsLog.INSTALL_PURGE,
                  JunitCase.Result.SKIPPED,
                  "no .deb built",
                  null)),
          "no .deb built",
          policy);
      return;
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/piuparts"))) {
      String why =
          "piuparts is not installed (/usr/sbin/piuparts); install it (scripts/install-deps)";
      QaFiles.report(
          c,
          NAME,
          List.of(
              JunitCase.of(
                  classname, PiupartsLog.INSTALL_PURGE, JunitCase.Result.ERROR, why, null)),
          why,
          policy);
      return;
    }
    Instant start = Instant.now();
    int rc;
    try (ScratchRoot root = c.buildroot().scratchRoot(NAME)) {
      List<String> cmd = new ArrayList<>(command(c, root, o));
      debs.forEach(d -> cmd.add(d.toString()));
      Path tmp = log.resolveSibling(".piuparts.log.tmp");
      Files.deleteIfExists(tmp);
      c.buildroot().log("piuparts: " + String.join(" ", cmd));
      rc = root.runOnHost(cmd, Map.of(), true, tmp);
      Files.move(tmp, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "piuparts: " + e.getMessage(), null, e);
    }
    String text;
    try {
      text = QaFiles.read(log);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "piuparts: cannot read " + log, null, e);
    }
    List<JunitCase> cases = PiupartsLog.cases(classname, text, rc);
    double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
    JunitCase first = cases.get(0);
    cases.set(
        0,
        new JunitCase(
            first.classname(),
            first.name(),
            first.result(),
            first.message(),
            first.detail(),
            seconds));
    String message =
        cases.stream()
                .map(x -> x.name() + " " + x.result().name().toLowerCase(java.util.Locale.ROOT))
                .reduce((a, b) -> a + ", " + b)
                .orElse("")
            + " (qa/piuparts.log)";
    QaFiles.report(c, NAME, cases, message, policy);
  }

  /**
   * piuparts over the base root: its suite and mirror (the config's, as the build used them), its
   * temporary copy in the scratch root's work directory. Hard links (--hard-link) are never used:
   * they would share inodes with the cached base root, which a maintainer script writing in place
   * would change for every later build.
   */
  static List<String> command(HookContext c, ScratchRoot root, Options o) {
    Object mirror = c.config().get("mirror");
    Object suite = c.config().get("suite");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "piuparts",
                "--existing-chroot=" + root.baseRoot(),
                "--tmpdir=" + root.workDir(),
                "--distribution=" + suite,
                "--mirror=" + mirror + " " + String.join(" ", components(c))));
    cmd.addAll(o.extraArgs());
    return cmd;
  }

  private static List<String> components(HookContext c) {
    Object comps = c.config().get("components");
    if (comps instanceof List<?> l && !l.isEmpty()) {
      return l.stream().map(Object::toString).toList();
    }
    return List.of("main");
  }

  /** The binary packages dpkg-buildpackage wrote (piuparts does not take .udeb or .ddeb). */
  static List<Path> debs(Path dir) {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".deb")).sorted().toList();
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "piuparts: cannot list " + dir, null, e);
    }
  }
}
