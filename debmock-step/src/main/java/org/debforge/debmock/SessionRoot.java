package org.debforge.debmock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.build.SourcePackage;
import org.debforge.debmock.chroot.BuildRoot;
import org.debforge.debmock.chroot.RootCommand;
import org.debforge.debmock.chroot.RootLog;
import org.debforge.debmock.plugin.api.HookStage;

/**
 * Mock's operations on a config's session root: the root that --init, --shell, --chroot, --install,
 * --update, --copyin and --copyout share, kept between commands until --clean (or the root named by
 * --uniqueext). Rebuilds get their own fresh roots instead (see {@link DebMock}).
 */
public final class SessionRoot {
  private final DebMock mock;

  SessionRoot(DebMock mock) {
    this.mock = mock;
  }

  /** Makes sure the base root exists (--init), and the session root over it. */
  public Path init() {
    RootLog log = mock.rootLog();
    HookFirer hooks = mock.hooks("init");
    BuildRoot root = mock.prepareRoot(hooks, log, true);
    return root.dir();
  }

  /** Runs a command in the session root as root (--chroot), returning its exit code. */
  public int chroot(List<String> argv, boolean interactive) {
    HookFirer hooks = mock.hooks(interactive ? "shell" : "chroot");
    RootLog log = mock.rootLog();
    BuildRoot root = mock.prepareRoot(hooks, log, true);
    hooks.fire(interactive ? HookStage.PRESHELL : HookStage.PRECHROOT);
    RootCommand cmd =
        new RootCommand(
            argv,
            false,
            "/",
            mock.config().environment(),
            mock.options().enableNetwork() || interactive);
    int rc = interactive ? root.runInteractive(cmd, log) : root.run(cmd, log);
    hooks.fire(interactive ? HookStage.POSTSHELL : HookStage.POSTCHROOT);
    return rc;
  }

  /** apt work in the session root: --install, --installdeps, --update. */
  public void apt(String operation, List<String> aptArgs, List<String> packages) {
    HookFirer hooks = mock.hooks(operation);
    RootLog log = mock.rootLog();
    BuildRoot root = mock.prepareRoot(hooks, log, true);
    List<String> cmd = new ArrayList<>(List.of("apt-get", "-y", "--no-install-recommends"));
    cmd.addAll(aptArgs);
    hooks.fire(HookStage.PREAPT, packages, Map.of("apt", operation));
    log.line("running " + String.join(" ", cmd));
    int rc = root.run(new RootCommand(cmd, false, "/build", Map.of(), true), log);
    hooks.fire(
        HookStage.POSTAPT, packages, Map.of("apt", operation, "exit_code", Integer.toString(rc)));
    if (rc != 0) {
      throw new DebforgeException(
          ErrorKind.DEPENDENCY_RESOLUTION,
          "apt-get failed (exit " + rc + ") for --" + operation,
          "read root.log in " + mock.options().resultDir());
    }
    if (operation.equals("update")) {
      hooks.fire(HookStage.POSTUPDATE);
    }
  }

  /**
   * --installdeps: the build dependencies of a .dsc (path or URL) installed into the session root,
   * with the .dsc and its files copied to {@code /build} for apt-get build-dep to read.
   */
  public void installDeps(String dscOrUrl) {
    mock.withSource(
        dscOrUrl,
        validate -> {
          SourcePackage src = validate.get();
          copyIn(src.dsc(), "/build/" + src.dsc().getFileName());
          for (Path f : src.files()) {
            copyIn(f, "/build/" + f.getFileName());
          }
          apt(
              "installdeps",
              List.of("build-dep", "./" + src.dsc().getFileName()),
              src.buildDepends());
          return null;
        });
  }

  /** Copies a host file into the session root's {@code /build} side (--copyin). */
  public void copyIn(Path from, String to) {
    HookFirer hooks = mock.hooks("copyin");
    BuildRoot root = mock.prepareRoot(hooks, mock.rootLog(), true);
    Path dest = root.upper().resolve(to.replaceFirst("^/+", "")).normalize();
    if (!dest.startsWith(root.upper())) {
      throw new DebforgeException(
          ErrorKind.UNSAFE_INPUT, "--copyin: " + to + " leaves the root", null);
    }
    try {
      Files.createDirectories(dest.getParent());
      Files.copy(from, dest, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "--copyin: " + e.getMessage(), null, e);
    }
  }

  /** Copies a file out of the session root (--copyout). */
  public void copyOut(String from, Path to) {
    HookFirer hooks = mock.hooks("copyout");
    BuildRoot root = mock.prepareRoot(hooks, mock.rootLog(), true);
    Path src = root.hostPath(from);
    if (!Files.isRegularFile(src)) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, "--copyout: no file " + from + " in the root", null);
    }
    try {
      Files.copy(src, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "--copyout: " + e.getMessage(), null, e);
    }
  }

  /**
   * Removes this config's session root, or the root named by --uniqueext (--clean). Other builds'
   * roots are never touched, even of the same config.
   */
  public List<Path> clean() {
    HookFirer hooks = mock.hooks("clean");
    hooks.fire(HookStage.CLEAN);
    List<Path> removed = DebMock.removeTree(dir());
    hooks.fire(HookStage.POSTCLEAN);
    return removed;
  }

  /**
   * The overlayfs snapshot operations on the session root: {@code make_snapshot}, {@code
   * rollback_to}, {@code remove_snapshot}, {@code list_snapshots} (a plugin must provide them).
   */
  public void snapshot(HookStage stage, String name) {
    HookFirer hooks = mock.hooks(stage.hookName());
    RootLog log = mock.rootLog();
    mock.prepareRoot(hooks, log, true);
    hooks.fire(stage, List.of(), name == null ? Map.of() : Map.of("snapshot", name));
  }

  /** The session root's directory (where snapshots live); it may not exist yet. */
  public Path dir() {
    String ext = mock.options().uniqueExt() != null ? mock.options().uniqueExt() : "session";
    return mock.options().buildsDir().resolve(mock.config().name() + "-" + ext);
  }
}
