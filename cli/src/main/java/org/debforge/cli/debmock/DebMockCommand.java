package org.debforge.cli.debmock;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.cli.output.VersionProvider;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.ArchSelection;
import org.debforge.debmock.DebMock;
import org.debforge.debmock.RunOptions;
import org.debforge.debmock.chroot.BaseRootCache;
import org.debforge.debmock.chroot.Snapshots;
import org.debforge.debmock.config.ChrootConfig;
import org.debforge.debmock.config.ConfigLoader;
import org.debforge.debmock.lock.HermeticBuild;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.runtime.HookDispatcher;
import org.debforge.debmock.plugin.runtime.PluginManager;
import org.debforge.debmock.repro.ReproducibleBuild;
import org.debforge.debmock.result.BuildResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code deb-mock}: Mock's command line for clean-room builds of Debian source packages. */
@Command(
    name = "deb-mock",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Clean, isolated builds of Debian source packages. Each build runs in its",
      "own overlay root over a cached mmdebstrap base, in private namespaces,",
      "with no network while it builds.",
      "Options may come before or after the build subcommand.",
      "",
      "Examples:",
      "  deb-mock -r bookworm-amd64 --rebuild hello_2.10-3.dsc --resultdir out/",
      "  deb-mock --rebuild https://MIRROR/pool/main/h/hello/hello_2.10-3.dsc",
      "  deb-mock build . -r bookworm-amd64 --resultdir out/",
      "  deb-mock -r bookworm-amd64 --init | --shell | --chroot CMD | --clean",
      "",
    },
    footer = {
      "",
      "result.json in the result directory: docs/deb-mock-result.md.",
    },
    modelTransformer = ExitCodes.Help.class,
    subcommands = {
      BuildCommand.class,
      ListConfigsCommand.class,
      PluginCommands.ListPlugins.class,
      PluginCommands.PluginHelp.class,
      PluginCommands.ListHooks.class,
      PluginCommands.HookInfo.class,
    })
public final class DebMockCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      scope = ScopeType.INHERIT,
      names = "-r",
      paramLabel = "CONFIG",
      defaultValue = "bookworm-amd64",
      description =
          "Chroot config: a name (see list-configs) or a PATH.yaml. Default: ${DEFAULT-VALUE}.")
  String config;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Mode mode;

  static final class Mode {
    @Option(
        names = "--rebuild",
        paramLabel = "DSC",
        description = "Build binary packages from a .dsc (a path or an http(s) URL).")
    String rebuild;

    @Option(names = "--init", description = "Create (or reuse) the base root and the session root.")
    boolean init;

    @Option(names = "--shell", description = "Open a shell in the session root.")
    boolean shell;

    @Option(
        names = "--chroot",
        paramLabel = "CMD",
        description = "Run CMD (with /bin/sh -c) in the session root.")
    String chroot;

    @Option(names = "--clean", description = "Remove the session root and kept build roots.")
    boolean clean;

    @Option(
        names = "--scrub",
        paramLabel = "WHAT",
        description =
            "Remove cached data: all, cache (base roots and deps layers), root-cache,"
                + " chroot, deps-cache, apt-cache.")
    String scrub;

    @Option(
        names = "--installdeps",
        paramLabel = "DSC",
        description = "Install a .dsc's build dependencies (path or URL) in the session root.")
    String installdeps;

    @Option(
        names = "--install",
        arity = "1..*",
        paramLabel = "PKG",
        description = "Install packages in the session root.")
    List<String> install;

    @Option(names = "--update", description = "Upgrade the session root's packages.")
    boolean update;

    @Option(
        names = "--copyin",
        arity = "2",
        paramLabel = "PATH",
        description = "Copy SRC on the host to DEST in the session root.")
    List<String> copyin;

    @Option(
        names = "--copyout",
        arity = "2",
        paramLabel = "PATH",
        description = "Copy SRC in the session root to DEST on the host.")
    List<String> copyout;

    @Option(
        names = "--snapshot",
        paramLabel = "NAME",
        description = "Freeze the session root as snapshot NAME (overlayfs plugin).")
    String snapshot;

    @Option(names = "--list-snapshots", description = "List the session root's snapshots.")
    boolean listSnapshots;

    @Option(
        names = "--rollback-to",
        paramLabel = "NAME",
        description = "Discard the session root's changes since snapshot NAME.")
    String rollbackTo;

    @Option(names = "--remove-snapshot", paramLabel = "NAME", description = "Remove snapshot NAME.")
    String removeSnapshot;
  }

  @Option(
      scope = ScopeType.INHERIT,
      names = "--resultdir",
      paramLabel = "DIR",
      description = "Where logs, packages and result.json go (default: ./result).")
  Path resultDir;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--no-clean",
      description = "Build in the session root instead of a fresh one.")
  boolean noClean;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--no-cleanup-after",
      description = "Keep the build root after the build.")
  boolean noCleanupAfter;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--clean-resultdir",
      description =
          "Remove a previous build's packages, sources, logs and result.json from the result"
              + " directory first; without it, a result directory holding a previous build's"
              + " packages or sources is refused (exit 6).")
  boolean cleanResultDir;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--uniqueext",
      paramLabel = "EXT",
      description = "Name of this build's root, for concurrent builds.")
  String uniqueExt;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--offline",
      description = "Do not ask the mirror; reuse the newest cached base root.")
  boolean offline;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--enable-network",
      description = "Let the build itself reach the network.")
  boolean enableNetwork;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--enable-plugin",
      paramLabel = "NAME",
      description = "Enable a plugin.")
  List<String> enablePlugins = new ArrayList<>();

  @Option(
      scope = ScopeType.INHERIT,
      names = "--disable-plugin",
      paramLabel = "NAME",
      description = "Disable a plugin.")
  List<String> disablePlugins = new ArrayList<>();

  @Option(
      scope = ScopeType.INHERIT,
      names = "--plugin-dir",
      paramLabel = "DIR",
      description =
          "Also search DIR for plugin jars (after /usr/lib/deb-mock/plugins and"
              + " $XDG_DATA_HOME/deb-mock/plugins, by default ~/.local/share/deb-mock/plugins)."
              + " Repeatable.")
  List<Path> pluginDirs = new ArrayList<>();

  @Option(
      scope = ScopeType.INHERIT,
      names = "--plugin-option",
      paramLabel = "NAME:KEY=VALUE",
      description = "Set a plugin option.")
  List<String> pluginOptions = new ArrayList<>();

  @Option(
      scope = ScopeType.INHERIT,
      names = "--config-opts",
      paramLabel = "KEY=VALUE",
      description = "Override a config key (dots for nesting).")
  List<String> configOpts = new ArrayList<>();

  @Option(
      scope = ScopeType.INHERIT,
      names = {"-P", "--profiles"},
      split = ",",
      paramLabel = "PROFILE",
      description = "Build profiles (DEB_BUILD_PROFILES).")
  List<String> profiles = new ArrayList<>();

  @Option(
      scope = ScopeType.INHERIT,
      names = "--build-type",
      paramLabel = "-b|-B|-A|-S|-F|-G|-g",
      description = "dpkg-buildpackage build type (default -b: binary).")
  String buildType;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--host-arch",
      paramLabel = "ARCH",
      description =
          "Cross-build for ARCH (e.g. arm64), as sbuild --host: crossbuild-essential-ARCH, build"
              + " profiles cross,nocheck, dpkg-buildpackage --host-arch.")
  String hostArch;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--arch-any",
      negatable = true,
      description =
          "Build (or with --no-arch-any, do not build) the architecture-dependent packages, as"
              + " sbuild; default: built.")
  Boolean archAny;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--arch-all",
      negatable = true,
      description =
          "Build (or with --no-arch-all, do not build) the Architecture: all packages, as"
              + " sbuild; default: built. A matrix builds them on one architecture only.")
  Boolean archAll;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--source",
      description =
          "Also build the source package, as sbuild --source: the .changes is sourceful"
              + " (dpkg-buildpackage -F, or -G/-g with --no-arch-all/--no-arch-any).")
  boolean source;

  @Option(
      scope = ScopeType.INHERIT,
      names = {"-v", "--verbose"},
      description = "Show progress even when not on a terminal; stack traces on errors.")
  boolean verbose;

  @Option(
      scope = ScopeType.INHERIT,
      names = {"-q", "--quiet"},
      description = "No progress lines.")
  boolean quiet;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--hermetic-build",
      paramLabel = "LOCKFILE",
      description =
          "Rebuild offline with exactly the packages of a buildroot_lock.json, from the local"
              + " caches (exit 30 naming what is missing).")
  Path hermeticBuild;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--verify-reproducible",
      description =
          "Build twice (the second hermetically, in another build path) and compare the .debs"
              + " (exit 4 when they differ; reproducible.json).")
  boolean verifyReproducible;

  @picocli.CommandLine.Mixin JsonOutput json;

  @Override
  public Integer call() {
    if (mode == null) {
      spec.commandLine().usage(spec.commandLine().getErr());
      return ExitCodes.USAGE;
    }
    DebMock mock = engine();
    PrintWriter out = spec.commandLine().getOut();
    Mode m = mode;
    if (m.rebuild != null) {
      return report(rebuild(mock, m.rebuild), json != null && json.enabled());
    } else if (m.init) {
      out.println("root: " + mock.session().init());
    } else if (m.shell) {
      return mock.session().chroot(List.of("/bin/bash", "-l"), true);
    } else if (m.chroot != null) {
      return mock.session().chroot(List.of("/bin/sh", "-c", m.chroot), false);
    } else if (m.clean) {
      mock.session().clean().forEach(p -> out.println("removed " + p));
    } else if (m.scrub != null) {
      if (!List.of("all", "cache", "root-cache", "chroot", "deps-cache", "apt-cache")
          .contains(m.scrub)) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            "--scrub=" + m.scrub + ": unknown",
            "one of all, cache, root-cache, chroot, deps-cache, apt-cache");
      }
      mock.scrub(m.scrub).forEach(p -> out.println("removed " + p));
    } else if (m.installdeps != null) {
      mock.session().installDeps(m.installdeps);
    } else if (m.install != null) {
      List<String> args = new ArrayList<>(List.of("install"));
      args.addAll(m.install);
      mock.session().apt("install", args, m.install);
    } else if (m.update) {
      mock.session().apt("update", List.of("dist-upgrade"), List.of());
    } else if (m.copyin != null) {
      mock.session().copyIn(Path.of(m.copyin.get(0)), m.copyin.get(1));
    } else if (m.copyout != null) {
      mock.session().copyOut(m.copyout.get(0), Path.of(m.copyout.get(1)));
    } else if (m.snapshot != null) {
      mock.session().snapshot(HookStage.MAKE_SNAPSHOT, m.snapshot);
    } else if (m.rollbackTo != null) {
      mock.session().snapshot(HookStage.ROLLBACK_TO, m.rollbackTo);
    } else if (m.removeSnapshot != null) {
      mock.session().snapshot(HookStage.REMOVE_SNAPSHOT, m.removeSnapshot);
    } else if (m.listSnapshots) {
      mock.session().snapshot(HookStage.LIST_SNAPSHOTS, null);
      new Snapshots(mock.session().dir()).list().forEach(s -> out.println(s.line()));
    }
    return ExitCodes.OK;
  }

  BuildResult rebuild(DebMock mock, String dsc) {
    progress("building " + dsc + " in " + config + " -> " + options().resultDir());
    if (hermeticBuild != null) {
      mock.hermetic(HermeticBuild.read(hermeticBuild));
    }
    if (verifyReproducible) {
      return ReproducibleBuild.run(
          dsc,
          options().resultDir(),
          dir -> dir.equals(options().resultDir()) ? mock : engineWritingTo(dir));
    }
    BuildResult r = mock.rebuild(dsc);
    return r;
  }

  int report(BuildResult r, boolean asJson) {
    PrintWriter out = spec.commandLine().getOut();
    if (asJson) {
      JsonOutput.print(out, r.toJson());
    } else {
      out.printf(
          "%s: %s in %.1fs%n",
          r.status(), r.source().get("name") + " " + r.source().get("version"), r.totalSeconds());
      r.artifacts().forEach(a -> out.println("  " + options().resultDir().resolve(a.name())));
      r.qa()
          .forEach(
              (plugin, report) -> {
                Map<?, ?> m = (Map<?, ?>) report;
                out.println("  qa " + plugin + ": " + m.get("status") + ": " + m.get("message"));
              });
    }
    // A build whose QA did not pass is kept (on_failure unstable) but not reported as success.
    return "unstable".equals(r.status()) ? ExitCodes.UNSTABLE : ExitCodes.OK;
  }

  DebMock engine() {
    ChrootConfig c = ConfigLoader.standard().load(config, configOpts);
    return new DebMock(c, dispatcher(c), options());
  }

  /** The same engine with another result directory (the second build of --verify-reproducible). */
  private DebMock engineWritingTo(Path resultDir) {
    ChrootConfig c = ConfigLoader.standard().load(config, configOpts);
    RunOptions o = options();
    return new DebMock(
        c,
        dispatcher(c),
        new RunOptions(
            resultDir,
            o.buildsDir(),
            o.cacheDir(),
            null,
            o.offline(),
            o.enableNetwork(),
            false,
            o.noCleanupAfter(),
            // The second build's directory is deb-mock's own, left by an earlier verification.
            true,
            o.buildType(),
            o.profiles(),
            o.hostArch(),
            o.progress()));
  }

  /** The plugin dispatcher for this run: plugins found and configured by the plugin manager. */
  HookDispatcher dispatcher(ChrootConfig c) {
    return PluginManager.load(
        new java.util.LinkedHashMap<>(c.pluginConf()),
        enablePlugins,
        disablePlugins,
        pluginOptions,
        pluginDirs);
  }

  RunOptions options() {
    return new RunOptions(
        resultDir != null ? resultDir.toAbsolutePath() : Path.of("result").toAbsolutePath(),
        RunOptions.defaultBuildsDir(),
        BaseRootCache.defaultDir(),
        uniqueExt,
        offline,
        enableNetwork,
        noClean,
        noCleanupAfter,
        cleanResultDir,
        dpkgBuildType(),
        profiles,
        hostArch,
        this::progress);
  }

  /**
   * dpkg-buildpackage's build type: --build-type, or what --arch-any/--arch-all select (sbuild's
   * mapping); both at once would contradict each other.
   */
  String dpkgBuildType() {
    if (buildType != null && source) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "--build-type " + buildType + " with --source",
          "give one: --source is -F (-G, -g with --no-arch-all, --no-arch-any)");
    }
    if (archAny == null && archAll == null && !source) {
      return buildType == null ? "-b" : buildType;
    }
    if (buildType != null) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "--build-type " + buildType + " with --[no-]arch-any/--[no-]arch-all",
          "give one: --no-arch-all is -B, --no-arch-any is -A");
    }
    return new ArchSelection(archAny == null || archAny, archAll == null || archAll)
        .buildType(source);
  }

  void progress(String line) {
    boolean show = !quiet && (verbose || System.console() != null);
    if (show) {
      spec.commandLine().getErr().println("deb-mock: " + line);
      spec.commandLine().getErr().flush();
    }
  }
}
