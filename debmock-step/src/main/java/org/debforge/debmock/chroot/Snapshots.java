package org.debforge.debmock.chroot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * The snapshots of one session root, on disk in its directory: {@code snapshots/NAME/layer} (the
 * frozen layer), {@code snapshots/NAME/layers} (NAME's whole stack, topmost first) and {@code
 * snapshots/NAME/parent}; {@code snapshots/current} names the snapshot the root now stands on. The
 * root's overlay is mounted only inside each command's namespaces, so between commands all of this
 * is plain directories and a rename is enough.
 */
public final class Snapshots {
  /** One snapshot for --list-snapshots. */
  public record Snapshot(String name, String parent, boolean current) {
    public String line() {
      return (current ? "* " : "  ") + name + (parent.isEmpty() ? "" : " (parent " + parent + ")");
    }
  }

  private final Path dir;
  private final Path snaps;

  public Snapshots(Path rootDir) {
    this.dir = rootDir;
    this.snaps = rootDir.resolve("snapshots");
  }

  static void checkName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.equals("current")) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "snapshot name '" + name + "' is not allowed",
          "letters, digits, . _ - (and not 'current')");
    }
  }

  /** Freezes the root's own layer as {@code name}; the root then stands on it. */
  public void make(String name) {
    checkName(name);
    Path snap = snaps.resolve(name);
    if (Files.exists(snap)) {
      throw new DebforgeException(
          ErrorKind.CONFLICT,
          "snapshot " + name + " exists",
          "--remove-snapshot " + name + " first, or pick another name");
    }
    try {
      Files.createDirectories(snaps);
      Path tmp = snaps.resolve("." + name + ".new");
      Trees.deleteRecursively(tmp);
      Files.createDirectories(tmp);
      List<Path> stack = new ArrayList<>();
      stack.add(snap.resolve("layer"));
      stack.addAll(BuildRoot.readLayers(dir));
      Files.writeString(tmp.resolve("parent"), current());
      Files.writeString(tmp.resolve("layers"), lines(stack));
      Files.move(dir.resolve("upper"), tmp.resolve("layer"), StandardCopyOption.ATOMIC_MOVE);
      Files.move(tmp, snap, StandardCopyOption.ATOMIC_MOVE);
      standOn(name, stack);
    } catch (IOException e) {
      throw io("make snapshot " + name, e);
    }
  }

  /** Discards the root's own layer and stands on {@code name} again. */
  public void rollbackTo(String name) {
    checkName(name);
    Path snap = existing(name);
    try {
      Trees.deleteRecursively(dir.resolve("upper"));
      standOn(name, readStack(snap));
    } catch (IOException e) {
      throw io("roll back to " + name, e);
    }
  }

  /** Removes {@code name}, unless the root or another snapshot stands on it. */
  public void remove(String name) {
    checkName(name);
    Path snap = existing(name);
    try {
      Path layer = snap.resolve("layer");
      if (BuildRoot.readLayers(dir).contains(layer)) {
        throw new DebforgeException(
            ErrorKind.CONFLICT,
            "the session root stands on snapshot " + name,
            "--rollback-to another snapshot first, or --clean the root");
      }
      for (Snapshot s : list()) {
        if (!s.name().equals(name) && readStack(snaps.resolve(s.name())).contains(layer)) {
          throw new DebforgeException(
              ErrorKind.CONFLICT,
              "snapshot " + s.name() + " is built on " + name,
              "--remove-snapshot " + s.name() + " first");
        }
      }
      Trees.deleteRecursively(snap);
    } catch (IOException e) {
      throw io("remove snapshot " + name, e);
    }
  }

  /** The snapshots by name, marking the one the root stands on. */
  public List<Snapshot> list() {
    if (!Files.isDirectory(snaps)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(snaps)) {
      String current = current();
      List<Snapshot> out = new ArrayList<>();
      for (Path p : s.sorted().toList()) {
        String n = p.getFileName().toString();
        if (Files.isDirectory(p) && !n.startsWith(".")) {
          out.add(
              new Snapshot(n, Files.readString(p.resolve("parent")).strip(), n.equals(current)));
        }
      }
      return out;
    } catch (IOException e) {
      throw io("list snapshots", e);
    }
  }

  private void standOn(String name, List<Path> stack) throws IOException {
    Path upper = dir.resolve("upper");
    Files.createDirectories(upper);
    // Hooks read the dpkg database from the root's own layer (see BuildRoot.open).
    Path status = stack.get(0).resolve("var/lib/dpkg/status");
    for (Path layer : stack) {
      if (Files.exists(layer.resolve("var/lib/dpkg/status"))) {
        status = layer.resolve("var/lib/dpkg/status");
        break;
      }
    }
    if (Files.exists(status)) {
      Path to = upper.resolve("var/lib/dpkg/status");
      Files.createDirectories(to.getParent());
      Files.copy(status, to, StandardCopyOption.COPY_ATTRIBUTES);
    }
    // overlayfs wants an empty work directory for a new upper layer.
    Trees.deleteRecursively(dir.resolve("work"));
    Files.createDirectories(dir.resolve("work"));
    BuildRoot.writeLayers(dir, stack);
    Files.writeString(snaps.resolve("current"), name);
  }

  private String current() throws IOException {
    Path f = snaps.resolve("current");
    return Files.exists(f) ? Files.readString(f).strip() : "";
  }

  private Path existing(String name) {
    Path snap = snaps.resolve(name);
    if (!Files.isDirectory(snap)) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, "no snapshot " + name, "--list-snapshots shows them");
    }
    return snap;
  }

  private static List<Path> readStack(Path snap) throws IOException {
    return Files.readAllLines(snap.resolve("layers")).stream()
        .filter(l -> !l.isBlank())
        .map(Path::of)
        .toList();
  }

  private static String lines(List<Path> paths) {
    StringBuilder sb = new StringBuilder();
    paths.forEach(p -> sb.append(p).append('\n'));
    return sb.toString();
  }

  private static DebforgeException io(String what, IOException e) {
    return new DebforgeException(
        ErrorKind.IO, "overlayfs: cannot " + what + ": " + e.getMessage(), null, e);
  }
}
