package org.debforge.debmock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Changelog;
import org.debforge.core.control.Changes;
import org.debforge.core.control.ListedFile;
import org.debforge.debmock.build.SourcePackage;
import org.debforge.debmock.cache.AptArchive;
import org.debforge.debmock.chroot.BaseRootCache;
import org.debforge.debmock.chroot.BuildRoot;
import org.debforge.debmock.chroot.RootCommand;
import org.debforge.debmock.chroot.RootLog;
import org.debforge.debmock.lock.HermeticBuild;
import org.debforge.debmock.plugin.api.BuildDepsProvider;
import org.debforge.debmock.plugin.api.HookStage;
import org.debforge.debmock.plugin.api.ResolvedSet;
import org.debforge.debmock.result.Artifact;
import org.debforge.debmock.result.StateLog;

/**
 * The steps of one package build in its own root: copy the source in, unpack it with dpkg-source,
 * install build dependencies with network, then run dpkg-buildpackage as the build user without
 * network, and collect what the .changes lists.
 */
final class Rebuild {
  private final DebMock mock;
  private final SourcePackage source;
  private final BuildRoot root;
  private final HookFirer hooks;
  private final RootLog rootLog;
  private final RootLog buildLog;

  /** What the build-dependency provider holds until the build root is gone (a layer's lock). */
  final List<AutoCloseable> releaseAfterBuild = new ArrayList<>();

  /** Whether apt may reach the mirror: not in a hermetic build. */
  private boolean network = true;

  Rebuild(
      DebMock mock,
      SourcePackage source,
      BuildRoot root,
      HookFirer hooks,
      RootLog rootLog,
      RootLog buildLog) {
    this.mock = mock;
    this.source = source;
    this.root = root;
    this.hooks = hooks;
    this.rootLog = rootLog;
    this.buildLog = buildLog;
  }

  void copySourceIn() {
    try {
      Path build = root.upper().resolve("build");
      Files.createDirectories(build);
      chownToBuildUser(build);
      for (Path f : concat(source.dsc(), source.files())) {
        Path to = build.resolve(f.getFileName().toString());
        Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
        chownToBuildUser(to);
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.CHROOT_SETUP,
          "cannot copy the source into the root: " + e.getMessage(),
          null,
          e);
    }
  }

  void unpack() {
    int rc =
        root.run(
            new RootCommand(
                List.of(
                    "dpkg-source",
                    "-x",
                    source.dsc().getFileName().toString(),
                    mock.buildPath(source)),
                true,
                "/build",
                Map.of(),
                false),
            buildLog);
    if (rc != 0) {
      throw new DebforgeException(
          ErrorKind.BUILD_FAILED,
          "dpkg-source -x failed (exit " + rc + ") unpacking " + source.dsc().getFileName(),
          "read build.log in " + mock.options().resultDir());
    }
  }

  /**
   * Installs the build dependencies through the provider (deps_cache, else plain apt). With a
   * shared apt archive apt downloads into it; a hermetic build installs exactly the lock's .debs
   * from it, offline.
   */
  void installBuildDeps(StateLog state) {
    String host = mock.options().hostArch();
    if (host != null) {
      if (mock.hermetic() != null) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            "--hermetic-build with --host-arch " + host + ": not supported",
            "rebuild hermetically natively, or cross-build without a lock");
      }
      state.phase(
          "prepare cross root",
          () -> CrossRoot.prepare(root, rootLog, host, mock.options().resultDir()));
    }
    List<String> cmd = buildDepCommand();
    network = true;
    AptArchive archive = mock.aptArchive();
    BuildrootAccess buildroot = hooks.buildroot;
    if (archive != null) {
      root.bind(archive.dir(), "/var/cache/apt/archives");
      buildroot.reportCache(mock.aptArchiveOwner(), archive.dir().toString());
    }
    HermeticBuild hermetic = mock.hermetic();
    if (hermetic != null) {
      // Offline, exactly the lock's .debs (checked before the build started), no index update.
      Path dir = mock.hermeticArchive();
      if (archive == null) {
        root.bind(dir, "/var/cache/apt/archives");
      }
      buildroot.reportCache("hermetic_build", dir.toString());
      network = false;
      cmd = HermeticBuild.installCommand(hermetic.verify(root.lower(), dir));
    }
    // deps_cache keys its layers by native resolutions over the base root; a cross root differs
    // before the build dependencies (a foreign architecture, its lists), so it installs with apt.
    (host != null ? BuildDepsProvider.APT : mock.buildDepsProvider())
        .provide(
            new BuildDepsRequest(
                this,
                state,
                root,
                mock,
                source.dsc(),
                List.copyOf(cmd),
                hermetic == null ? null : hermetic.toInstall(),
                archive));
    buildroot.installAfterBuildDeps();
  }

  BuildrootAccess buildroot() {
    return hooks.buildroot;
  }

  /** Releases what the build-dependency provider held, once the build root is gone. */
  void releaseAfterBuild() {
    for (AutoCloseable r : releaseAfterBuild) {
      try {
        r.close();
      } catch (Exception e) {
        rootLog.line("cannot release " + r + ": " + e.getMessage());
      }
    }
    releaseAfterBuild.clear();
  }

  private List<String> buildDepCommand() {
    List<String> cmd =
        new ArrayList<>(List.of("apt-get", "build-dep", "-y", "--no-install-recommends"));
    String type = mock.options().buildType();
    if (type.equals("-B")) {
      cmd.add("--arch-only");
    } else if (type.equals("-A")) {
      cmd.add("--indep-only");
    }
    if (mock.options().hostArch() != null) {
      cmd.add("--host-architecture");
      cmd.add(mock.options().hostArch());
    }
    if (!mock.options().buildProfiles().isEmpty()) {
      cmd.add("-P");
      cmd.add(String.join(",", mock.options().buildProfiles()));
    }
    cmd.add("./" + source.dsc().getFileName());
    return cmd;
  }

  /** What apt would install, from {@code apt-get -s} (no network, writes nothing that matters). */
  ResolvedSet resolve(List<String> buildDep) {
    List<String> cmd = new ArrayList<>(buildDep);
    cmd.add(2, "-s");
    rootLog.line("resolving build dependencies: " + String.join(" ", cmd));
    try {
      Path out = Files.createTempFile("deb-mock-resolve-", ".log");
      try {
        int rc =
            root.run(
                new RootCommand(cmd, false, "/build", Map.of(), false), new RootLog(out, s -> {}));
        String text = Files.readString(out);
        rootLog.append(text);
        if (rc != 0) {
          throw new DebforgeException(
              ErrorKind.DEPENDENCY_RESOLUTION,
              "cannot resolve the build dependencies of "
                  + source.name()
                  + " "
                  + source.version()
                  + " (apt-get -s exit "
                  + rc
                  + ")",
              "read root.log in " + mock.options().resultDir() + " for apt's explanation");
        }
        return ResolvedSet.parse(text);
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "cannot capture apt-get -s output", null, e);
    }
  }

  void runApt(List<String> cmd, AptArchive archive) {
    hooks.fire(HookStage.PREAPT, source.buildDepends(), Map.of("apt", "build-dep"));
    rootLog.line("installing build dependencies: " + String.join(" ", cmd));
    RootCommand install = new RootCommand(cmd, false, "/build", Map.of(), network);
    int rc;
    try {
      rc =
          archive == null
              ? root.run(install, rootLog)
              : archive.locked(() -> root.run(install, rootLog));
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.CHROOT_SETUP,
          mock.aptArchiveOwner() + ": cannot lock " + archive.dir(),
          null,
          e);
    }
    hooks.fire(
        HookStage.POSTAPT,
        source.buildDepends(),
        Map.of("apt", "build-dep", "exit_code", Integer.toString(rc)));
    if (rc != 0) {
      throw new DebforgeException(
          ErrorKind.DEPENDENCY_RESOLUTION,
          "cannot install the build dependencies of "
              + source.name()
              + " "
              + source.version()
              + " (apt-get exit "
              + rc
              + ")",
          "read root.log in " + mock.options().resultDir() + " for apt's explanation");
    }
  }

  void build() {
    Map<String, String> env = new LinkedHashMap<>(mock.config().environment());
    if (!mock.options().buildProfiles().isEmpty()) {
      env.put("DEB_BUILD_PROFILES", String.join(" ", mock.options().buildProfiles()));
    }
    String host = mock.options().hostArch();
    if (host != null) {
      // The nocheck profile skips test dependencies; the option skips running the tests.
      env.merge("DEB_BUILD_OPTIONS", "nocheck", (a, b) -> a + " " + b);
    }
    // SOURCE_DATE_EPOCH from debian/changelog, so timestamps in the packages are reproducible.
    long epoch = changelog().timestamp();
    env.put("SOURCE_DATE_EPOCH", Long.toString(epoch));
    buildLog.line("SOURCE_DATE_EPOCH=" + epoch);
    env = hooks.buildroot.buildVariables(env);
    String script =
        hooks.buildroot.buildPrelude()
            + "exec dpkg-buildpackage -us -uc "
            + mock.options().buildType()
            + (host == null ? "" : " --host-arch " + host);
    buildLog.line(
        "building "
            + source.name()
            + " "
            + source.version()
            + " in "
            + mock.buildPath(source)
            + (mock.options().enableNetwork() ? " (with network)" : " (no network)"));
    int rc =
        root.run(
            new RootCommand(
                List.of("/bin/sh", "-c", script),
                true,
                mock.buildPath(source),
                env,
                mock.options().enableNetwork()),
            buildLog);
    hooks.buildroot.buildFinished();
    hooks.result.put("build_exit_code", rc);
    if (rc != 0) {
      throw new DebforgeException(
          ErrorKind.BUILD_FAILED,
          "dpkg-buildpackage failed (exit "
              + rc
              + ") for "
              + source.name()
              + " "
              + source.version(),
          "read build.log in " + mock.options().resultDir());
    }
  }

  /**
   * The unpacked tree's newest changelog entry, read from this build's layer on the host. The tree
   * came from the package, so a debian/changelog (or debian/) that is a symlink leaving the layer
   * is refused rather than followed to a host file.
   */
  Changelog changelog() {
    Path file =
        root.upper().resolve(mock.buildPath(source).substring(1)).resolve("debian/changelog");
    try {
      Path real = file.toRealPath();
      if (!real.startsWith(root.upper().toRealPath()) || !Files.isRegularFile(real)) {
        throw new DebforgeException(
            ErrorKind.UNSAFE_INPUT,
            source.name() + ": debian/changelog points outside the source tree",
            "debian/changelog must be a plain file");
      }
      return Changelog.read(real);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.BUILD_FAILED,
          source.name() + ": cannot read debian/changelog: " + e.getMessage(),
          "a Debian source package has debian/changelog");
    }
  }

  /** Copies every .changes and the files it lists (plus .buildinfo) to the result directory. */
  List<Artifact> collect() {
    Path build = root.upper().resolve("build");
    List<Artifact> out = new ArrayList<>();
    try (var files = Files.list(build)) {
      for (Path changes : files.filter(f -> f.toString().endsWith(".changes")).toList()) {
        // Changes checks that every name is a plain file name; verifyFiles that dpkg wrote them.
        Changes c = Changes.read(changes);
        c.verifyFiles(build);
        List<String> names = new ArrayList<>(c.files().stream().map(ListedFile::name).toList());
        names.add(changes.getFileName().toString());
        for (String n : names) {
          Path to = mock.options().resultDir().resolve(n);
          Files.copy(build.resolve(n), to, StandardCopyOption.REPLACE_EXISTING);
          out.add(Artifact.of(to));
        }
      }
      if (!out.isEmpty()) {
        keepSource(out);
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot collect the build results: " + e.getMessage(), null, e);
    }
    if (out.isEmpty()) {
      throw new DebforgeException(
          ErrorKind.BUILD_FAILED,
          "dpkg-buildpackage produced no .changes",
          "read build.log in " + mock.options().resultDir());
    }
    return out;
  }

  /**
   * The source package built (its .dsc and the files it lists) goes into the result directory too,
   * listed as kind {@code dsc} and {@code source}, so the orchestrator can publish Sources (issue
   * 13 part 2). A sourceful .changes already brought them.
   */
  private void keepSource(List<Artifact> out) throws IOException {
    for (Path f : concat(source.dsc(), source.files())) {
      String n = f.getFileName().toString();
      if (out.stream().anyMatch(a -> a.name().equals(n))) {
        continue;
      }
      Path to = mock.options().resultDir().resolve(n);
      Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
      Artifact a = Artifact.of(to);
      out.add(f.equals(source.dsc()) ? a : new Artifact(a.name(), "source", a.size(), a.sha256()));
    }
  }

  private static void chownToBuildUser(Path p) throws IOException {
    Files.setAttribute(p, "unix:uid", BaseRootCache.BUILD_UID);
    Files.setAttribute(p, "unix:gid", BaseRootCache.BUILD_UID);
  }

  private static List<Path> concat(Path first, List<Path> rest) {
    List<Path> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
