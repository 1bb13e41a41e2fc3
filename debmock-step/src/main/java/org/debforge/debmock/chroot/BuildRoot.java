package org.debforge.debmock.chroot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * One build's own root: an overlay of a fresh upper directory over the cached base root, which it
 * never writes to. The overlay is mounted anew, inside private namespaces, for every command;
 * between commands only plain directories exist on the host, so there is nothing to unmount.
 *
 * <p>Because every command mounts afresh, the layer stack may change between commands: a cached
 * deps layer can be {@linkplain #stack stacked} over the base, and host directories {@linkplain
 * #bind bound} into the root (the shared apt archive), from the next command on.
 */
public final class BuildRoot {
  /** {@code PATH} of every command in the root, unless the command sets its own. */
  public static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Path dir;
  private final Path lower;

  /** Extra read-only layers over the base root, topmost first. */
  private final List<Path> stacked = new ArrayList<>();

  private final List<String> binds = new ArrayList<>();

  private final List<String> mounts = new ArrayList<>();

  /** A command prefix for commands run as the build user (AppArmor's aa-exec), or empty. */
  private List<String> confinement = List.of();

  private BuildRoot(Path dir, Path lower) {
    this.dir = dir;
    this.lower = lower;
  }

  /**
   * Makes (or reopens, for --no-clean sessions) the build root in {@code dir} over {@code lower}.
   */
  public static BuildRoot open(Path dir, Path lower) {
    try {
      for (String d : List.of("upper", "work", "root")) {
        Files.createDirectories(dir.resolve(d));
      }
      try (InputStream in = BuildRoot.class.getResourceAsStream("in-root.sh")) {
        Files.write(dir.resolve("in-root.sh"), in.readAllBytes());
      }
      Files.writeString(dir.resolve("lower"), lower.toString());
      // A session root keeps its stacked layers (overlayfs snapshots) from one command to the next.
      List<Path> layers = readLayers(dir);
      List<Path> all = new ArrayList<>(layers);
      all.add(lower);
      // Hooks read the root from the host through its upper layer (the overlay is mounted only in
      // the build's namespaces), so the dpkg database starts there, as its first write would put
      // it.
      Path status = dir.resolve("upper/var/lib/dpkg/status");
      for (Path layer : all) {
        if (Files.exists(status) || !Files.exists(layer.resolve("var/lib/dpkg/status"))) {
          continue;
        }
        Files.createDirectories(status.getParent());
        Files.copy(
            layer.resolve("var/lib/dpkg/status"),
            status,
            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
      BuildRoot root = new BuildRoot(dir, lower);
      root.stacked.addAll(layers);
      return root;
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.CHROOT_SETUP,
          "cannot create the build root in " + dir + ": " + e.getMessage(),
          "check free space and permissions of " + dir.getParent(),
          e);
    }
  }

  /** The layers stacked over the base root of the root in {@code dir}, topmost first. */
  public static List<Path> readLayers(Path dir) throws IOException {
    Path f = dir.resolve("layers");
    if (!Files.exists(f)) {
      return List.of();
    }
    return Files.readAllLines(f).stream().filter(l -> !l.isBlank()).map(Path::of).toList();
  }

  /** Records {@code layers} (topmost first) as the stacked layers of the root in {@code dir}. */
  public static void writeLayers(Path dir, List<Path> layers) throws IOException {
    Path tmp = dir.resolve("layers.tmp");
    Files.writeString(tmp, layers.stream().map(p -> p + "\n").reduce("", String::concat));
    Files.move(tmp, dir.resolve("layers"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  public Path lower() {
    return lower;
  }

  /** The overlay's lower layers, topmost first: stacked layers, then the base root. */
  public List<Path> lowers() {
    List<Path> all = new ArrayList<>(stacked);
    all.add(lower);
    return all;
  }

  /**
   * Stacks a read-only {@code layer} (an upper layer saved from another build) over the current
   * lower layers. This build's own layer must not have touched the dpkg database yet: its copy of
   * the status file is replaced by the layer's, so hooks reading the upper layer see the packages.
   */
  public void stack(Path layer) {
    stacked.add(0, layer);
    copyStatusFrom(layer);
  }

  /** Binds host directory {@code host} at {@code inRoot} for every later command. */
  public void bind(Path host, String inRoot) {
    bind(host, inRoot, false);
  }

  /**
   * Binds host path {@code host} at {@code inRoot} for every later command, read-only if asked.
   * in-root.sh refuses a target that resolves outside the root (a symlink in the root).
   */
  public void bind(Path host, String inRoot, boolean readOnly) {
    checkTarget(inRoot);
    if (host.toString().contains("\t") || host.toString().contains("\n")) {
      throw new IllegalArgumentException("bind source has a tab or newline: " + host);
    }
    binds.add(host + "\t" + inRoot + (readOnly ? "\tro" : ""));
    writeList("binds", binds);
  }

  /**
   * Mounts a file system ({@code mount -t type -o options source}) at {@code inRoot} for every
   * later command, inside the command's private mount namespace.
   */
  public void mount(String type, String source, String inRoot, String options) {
    checkTarget(inRoot);
    for (String v : List.of(type, source, options)) {
      if (v.contains("\t") || v.contains("\n")) {
        throw new IllegalArgumentException("mount field has a tab or newline: " + v);
      }
    }
    mounts.add(type + "\t" + source + "\t" + inRoot + "\t" + options);
    writeList("mounts", mounts);
  }

  /** Runs every later build-user command under {@code prefix} (e.g. aa-exec -p PROFILE --). */
  public void confine(List<String> prefix) {
    confinement = List.copyOf(prefix);
  }

  private static void checkTarget(String inRoot) {
    if (!inRoot.startsWith("/")
        || List.of(inRoot.split("/")).contains("..")
        || inRoot.contains("\t")
        || inRoot.contains("\n")) {
      throw new IllegalArgumentException("mount target must be an absolute path: " + inRoot);
    }
  }

  private void writeList(String name, List<String> lines) {
    try {
      Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.CHROOT_SETUP, "cannot write " + dir.resolve(name), null, e);
    }
  }

  /**
   * Moves this build's layer (everything but {@code /build}) to {@code layerDir} and starts a new,
   * empty one holding only {@code /build}; the caller then {@linkplain #stack stacks} {@code
   * layerDir}, so the root looks the same as before. A rename, so it is instant; {@code layerDir}
   * must be on the same file system.
   */
  public void detachUpperInto(Path layerDir) throws IOException {
    try {
      Files.move(upper(), layerDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Files.createDirectories(upper());
      if (Files.exists(layerDir.resolve("build"))) {
        Files.move(layerDir.resolve("build"), upper().resolve("build"));
      }
    } catch (java.nio.file.AtomicMoveNotSupportedException otherFileSystem) {
      // The root is on a tmpfs: copy all but /build (cp -a keeps owners, modes and overlayfs'
      // xattrs), then drop it from this layer.
      Files.createDirectories(layerDir);
      try (var entries = Files.list(upper())) {
        for (Path e : entries.toList()) {
          if (!e.getFileName().toString().equals("build")) {
            copyTree(e, layerDir.resolve(e.getFileName().toString()));
            Trees.deleteRecursively(e);
          }
        }
      }
    }
    // The work directory belongs to the old upper layer; overlayfs wants an empty one.
    Trees.deleteRecursively(dir.resolve("work"));
    Files.createDirectories(dir.resolve("work"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try {
      Process p =
          new ProcessBuilder("cp", "-a", from.toString(), to.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IOException("cp -a " + from + " " + to + " failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted copying " + from, e);
    }
  }

  private void copyStatusFrom(Path layer) {
    Path from = layer.resolve("var/lib/dpkg/status");
    if (!Files.exists(from)) {
      return;
    }
    try {
      Path to = upper().resolve("var/lib/dpkg/status");
      Files.createDirectories(to.getParent());
      Files.copy(
          from,
          to,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.CHROOT_SETUP, "cannot copy the dpkg status of " + layer, null, e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** The mount point of the root inside the namespaces (an empty directory on the host). */
  public Path mountPoint() {
    return dir.resolve("root");
  }

  /** This build's writable layer: files put here appear in the root. */
  public Path upper() {
    return dir.resolve("upper");
  }

  /**
   * The host path of {@code pathInRoot} as this build sees it: its own layer if it wrote there,
   * else the base root.
   */
  public Path hostPath(String pathInRoot) {
    String rel = pathInRoot.replaceFirst("^/+", "");
    Path up = upper().resolve(rel).normalize();
    if (!up.startsWith(upper())) {
      throw new DebforgeException(
          ErrorKind.UNSAFE_INPUT, "path escapes the root: " + pathInRoot, "use a path inside it");
    }
    if (Files.exists(up)) {
      return up;
    }
    for (Path l : stacked) {
      if (Files.exists(l.resolve(rel))) {
        return l.resolve(rel).normalize();
      }
    }
    return lower.resolve(rel).normalize();
  }

  /** Runs {@code cmd} in the root, output appended to {@code log}; returns its exit code. */
  public int run(RootCommand cmd, RootLog log) {
    return log.exec(commandLine(cmd), false);
  }

  /** Runs {@code cmd} on this terminal (for --shell). */
  public int runInteractive(RootCommand cmd, RootLog log) {
    return log.exec(commandLine(cmd), true);
  }

  List<String> commandLine(RootCommand cmd) {
    List<String> inner = new ArrayList<>(prefix(cmd.network()));
    // Inside the root: a clean environment, then (for builds) the unprivileged user.
    inner.add("/usr/bin/env");
    inner.add("-i");
    Map<String, String> env = new TreeMap<>();
    env.put("PATH", DEFAULT_PATH);
    env.put("HOME", cmd.asBuildUser() ? "/nonexistent" : "/root");
    env.put("USER", cmd.asBuildUser() ? BaseRootCache.BUILD_USER : "root");
    env.put("LOGNAME", env.get("USER"));
    env.put("LANG", "C.UTF-8");
    env.put("DEBIAN_FRONTEND", "noninteractive");
    env.putAll(cmd.environment());
    env.forEach((k, v) -> inner.add(k + "=" + v));
    if (cmd.asBuildUser()) {
      inner.add("setpriv");
      inner.add("--reuid=" + BaseRootCache.BUILD_UID);
      inner.add("--regid=" + BaseRootCache.BUILD_UID);
      inner.add("--clear-groups");
    }
    inner.add("/bin/sh");
    inner.add("-c");
    inner.add("cd \"$0\" && exec \"$@\"");
    inner.add(cmd.cwd());
    inner.addAll(cmd.argv());
    List<String> line = RootLog.isolated(inner, cmd.network());
    if (cmd.asBuildUser() && !confinement.isEmpty()) {
      List<String> confined = new ArrayList<>(confinement);
      confined.addAll(line);
      return confined;
    }
    return line;
  }

  /**
   * Runs host tool {@code argv} in the root's private namespaces, with the root mounted at {@link
   * #mountPoint()} (in-root.sh {@code --host}), a clean environment plus {@code env}; output
   * appended to {@code log}.
   */
  public int runOnHost(List<String> argv, Map<String, String> env, boolean network, RootLog log) {
    List<String> inner = new ArrayList<>(prefix(network));
    inner.set(inner.size() - 1, "--host");
    inner.add("/usr/bin/env");
    inner.add("-i");
    Map<String, String> all = new TreeMap<>();
    all.put("PATH", DEFAULT_PATH);
    all.put("HOME", "/root");
    all.put("LANG", "C.UTF-8");
    all.put("TMPDIR", "/tmp");
    all.putAll(env);
    all.forEach((k, v) -> inner.add(k + "=" + v));
    inner.addAll(argv);
    return log.exec(RootLog.isolated(inner, network), false);
  }

  /** in-root.sh and its arguments up to the {@code --} before the command. */
  private List<String> prefix(boolean network) {
    List<String> inner = new ArrayList<>();
    inner.add("/bin/sh");
    inner.add(dir.resolve("in-root.sh").toString());
    inner.add(String.join(":", lowers().stream().map(Path::toString).toList()));
    inner.add(upper().toString());
    inner.add(dir.resolve("work").toString());
    inner.add(mountPoint().toString());
    inner.add(network ? "1" : "0");
    inner.add("--");
    return inner;
  }

  /** Removes this build's layer and directories; the base root is untouched. */
  public void remove() {
    try {
      TmpfsMount.unmountIfMounted(dir);
      Trees.deleteRecursively(dir);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot remove build root " + dir + ": " + e.getMessage(), null, e);
    }
  }
}
