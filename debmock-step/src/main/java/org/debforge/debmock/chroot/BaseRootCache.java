package org.debforge.debmock.chroot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.debmock.config.AptSource;
import org.debforge.debmock.config.ChrootConfig;

/**
 * Base roots made by {@code mmdebstrap}, cached under {@code CACHE/<config>/<shape>-<release>/root}
 * where {@code shape} is a sha256 of everything in the config that shapes the root and {@code
 * release} a sha256 of the mirror's Release Date. A changed config or a newer mirror selects a new
 * directory; nothing ever writes into a finished one (builds use it as an overlay's lower layer).
 * Creation alone takes a file lock, so concurrent builds only wait for a root that is being made.
 */
public final class BaseRootCache {
  /** Bump when the way roots are made changes, so old roots are not reused. */
  static final String RECIPE = "deb-mock base root v1";

  /** The unprivileged user builds run as, created in every base root. */
  public static final int BUILD_UID = 1000;

  public static final String BUILD_USER = "debmock";
  private static final String COMPLETE = "complete";
  private static final Map<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path cacheDir;

  public BaseRootCache(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  public static Path defaultDir() {
    String env = System.getenv("DEBMOCK_CACHE_DIR");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("/var/cache/deb-mock");
  }

  public Path configDir(ChrootConfig config) {
    return cacheDir.resolve(config.name());
  }

  /** The hash of what shapes the root apart from the mirror's state. */
  public static String shapeKey(ChrootConfig c) {
    StringBuilder sb = new StringBuilder(RECIPE).append('\n');
    sb.append("suite=").append(c.suite()).append('\n');
    sb.append("architecture=").append(c.architecture()).append('\n');
    sb.append("mirror=").append(c.mirror()).append('\n');
    sb.append("components=").append(c.components()).append('\n');
    sb.append("variant=").append(c.variant()).append('\n');
    sb.append("extra_packages=").append(c.extraPackages()).append('\n');
    for (AptSource s : c.extraSources()) {
      sb.append("source=").append(s.toDeb822(null));
      if (s.signedBy() != null) {
        try {
          sb.append("key=").append(sha256(Files.readAllBytes(s.signedBy()))).append('\n');
        } catch (IOException e) {
          throw new DebforgeException(
              ErrorKind.CONFIG, "cannot read key " + s.signedBy() + ": " + e.getMessage());
        }
      }
    }
    return sha256(sb.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  /**
   * The base root for {@code config}, made if missing. Online, the mirror's Release Date is part of
   * the key; {@code offline} reuses the newest root of the same shape without asking the mirror.
   */
  public Path ensure(ChrootConfig config, boolean offline, RootLog log) {
    String shape = shapeKey(config);
    Path dir;
    if (offline) {
      dir =
          newestComplete(config, shape)
              .orElseThrow(
                  () ->
                      new DebforgeException(
                          ErrorKind.CHROOT_SETUP,
                          "--offline: no cached base root for " + config.name(),
                          "run once without --offline (deb-mock -r " + config.name() + " --init)"));
      log.line("using cached base root " + dir + " (offline)");
      return dir.resolve("root");
    }
    String date = MirrorState.releaseDate(config.mirror(), config.suite());
    String key = shape + "-" + sha256(date.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    dir = configDir(config).resolve(key);
    if (Files.exists(dir.resolve(COMPLETE))) {
      log.line("using cached base root " + dir + " (Release Date: " + date + ")");
      return dir.resolve("root");
    }
    Object monitor = IN_PROCESS.computeIfAbsent(dir, d -> new Object());
    synchronized (monitor) {
      try {
        Files.createDirectories(configDir(config));
        try (FileChannel ch =
                FileChannel.open(
                    configDir(config).resolve(key + ".lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = ch.lock()) {
          if (Files.exists(dir.resolve(COMPLETE))) {
            log.line("using base root " + dir + " made meanwhile by another deb-mock");
            return dir.resolve("root");
          }
          create(config, dir, date, log);
          return dir.resolve("root");
        }
      } catch (IOException e) {
        throw new DebforgeException(
            ErrorKind.CHROOT_SETUP,
            "cannot prepare the base root cache in " + dir + ": " + e.getMessage(),
            "check that " + cacheDir + " is writable (deb-mock runs as root)",
            e);
      }
    }
  }

  private void create(ChrootConfig config, Path dir, String date, RootLog log) throws IOException {
    Path tmp = dir.resolveSibling(dir.getFileName() + ".new");
    Trees.deleteRecursively(tmp);
    Trees.deleteRecursively(dir);
    Files.createDirectories(tmp);
    Path root = tmp.resolve("root");
    List<String> cmd = MmdebstrapCommand.of(config, root);
    log.line("creating base root with: " + String.join(" ", cmd));
    int rc = log.run(cmd);
    if (rc != 0) {
      Trees.deleteRecursively(tmp);
      throw new DebforgeException(
          ErrorKind.CHROOT_SETUP,
          "mmdebstrap failed (exit " + rc + ") making the base root for " + config.name(),
          "read root.log in the result directory");
    }
    Files.writeString(
        tmp.resolve("key.txt"),
        "config: "
            + config.name()
            + "\nrelease-date: "
            + date
            + "\nshape: "
            + shapeKey(config)
            + "\n");
    Files.writeString(tmp.resolve(COMPLETE), "");
    Files.move(tmp, dir);
  }

  private java.util.Optional<Path> newestComplete(ChrootConfig config, String shape) {
    Path d = configDir(config);
    if (!Files.isDirectory(d)) {
      return java.util.Optional.empty();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.getFileName().toString().startsWith(shape + "-"))
          .filter(p -> Files.exists(p.resolve(COMPLETE)))
          .max(Comparator.comparing(p -> p.resolve(COMPLETE).toFile().lastModified()));
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  /** Every cached root of {@code config}, for --scrub. */
  public List<Path> cached(ChrootConfig config) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(configDir(config))) {
      s.forEach(out::add);
    } catch (IOException e) {
      // nothing cached
    }
    return out;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
