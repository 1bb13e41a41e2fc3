package org.debforge.ostree.sysroot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A physical root's deployments, read from the files ostree itself reads (ostree 2022.7 has no
 * machine-readable {@code admin status}): the bootloader entries in {@code boot/loader/entries}
 * give the order and each one's kernel arguments, their {@code ostree=} argument leads through
 * {@code ostree/boot.N/OS/BOOTCSUM/SERIAL} to {@code ostree/deploy/OS/deploy/CSUM.SERIAL}, and its
 * {@code .origin} says where it came from.
 *
 * @param path the physical root ({@code /} on a booted machine, else an image builder's sysroot)
 * @param deployments in boot-menu order, the default first
 */
public record Sysroot(Path path, List<Deployment> deployments) {
  public Sysroot {
    deployments = List.copyOf(deployments);
  }

  /** Reads {@code path}; NOT_FOUND when it is not an OSTree sysroot. */
  public static Sysroot read(Path path) {
    Path root = path.toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("ostree/repo"))
        || !Files.isDirectory(root.resolve("boot"))) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          root + ": not an OSTree sysroot (no ostree/repo or boot/)",
          "give the physical root with --sysroot (made by ostree admin init-fs)");
    }
    Optional<String> bootedArg = booted(root);
    List<BootEntry> entries = entries(root);
    List<Deployment> out = new ArrayList<>();
    for (BootEntry e : entries) {
      String arg = e.ostreeArg();
      Path link = root.resolve(arg.replaceFirst("^/+", ""));
      Path target;
      try {
        target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
      } catch (IOException ex) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT,
            e.file() + ": ostree=" + arg + " does not lead to a deployment: " + ex.getMessage(),
            "the boot entries and deployments disagree; ostree admin status shows what ostree sees");
      }
      String name = target.getFileName().toString();
      if (!name.matches("[0-9a-f]{64}\\.[0-9]+")
          || !target.startsWith(root.resolve("ostree/deploy"))) {
        throw new DebforgeException(
            ErrorKind.UNSAFE_INPUT,
            e.file() + ": ostree=" + arg + " leads to " + target + ", not a deployment",
            "deployments live in ostree/deploy/OS/deploy/CSUM.SERIAL");
      }
      String osname = target.getParent().getParent().getFileName().toString();
      Path originFile = target.resolveSibling(name + ".origin");
      Origin origin = Origin.parse(readText(originFile), originFile.toString());
      int dot = name.indexOf('.');
      out.add(
          new Deployment(
              out.size(),
              osname,
              name.substring(0, dot),
              Integer.parseInt(name.substring(dot + 1)),
              target,
              origin,
              e,
              bootedArg.map(arg::equals).orElse(false)));
    }
    return new Sysroot(root, out);
  }

  /** The deployment new ones are made from: the booted one, else the default. */
  public Deployment merge() {
    return deployments.stream()
        .filter(Deployment::booted)
        .findFirst()
        .orElseGet(
            () -> {
              if (deployments.isEmpty()) {
                throw new DebforgeException(
                    ErrorKind.NOT_FOUND,
                    path + ": no deployments",
                    "deploy a commit first: ostree admin deploy --sysroot="
                        + path
                        + " --os=OS REF");
              }
              return deployments.get(0);
            });
  }

  /** The rollback target: the first deployment after the merge one, as rpm-ostree picks it. */
  public Optional<Deployment> rollback() {
    Deployment m = merge();
    return deployments.stream().filter(d -> d.index() != m.index()).findFirst();
  }

  public Optional<Deployment> booted() {
    return deployments.stream().filter(Deployment::booted).findFirst();
  }

  /** {@code ostree=} of the running kernel, when this sysroot is the booted machine's root. */
  private static Optional<String> booted(Path root) {
    if (!root.equals(Path.of("/")) || !Files.exists(Path.of("/run/ostree-booted"))) {
      return Optional.empty();
    }
    try {
      for (String a : Files.readString(Path.of("/proc/cmdline")).strip().split("\\s+")) {
        if (a.startsWith("ostree=")) {
          return Optional.of(a.substring(7));
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static List<BootEntry> entries(Path root) {
    Path dir = root.resolve("boot/loader/entries");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<BootEntry> entries = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f :
          s.filter(p -> p.getFileName().toString().matches("ostree-.*\\.conf")).toList()) {
        entries.add(BootEntry.parse(readText(f), f.toString()));
      }
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, dir + ": " + e.getMessage(), null, e);
    }
    entries.sort(Comparator.comparingInt(BootEntry::version).reversed());
    return entries;
  }

  private static String readText(Path f) {
    try {
      if (Files.size(f) > Origin.MAX_BYTES) {
        throw new DebforgeException(
            ErrorKind.UNSAFE_INPUT, f + ": too large", "ostree writes these files; check them");
      }
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND, f + ": missing", "ostree admin status shows the deployments");
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, f + ": " + e.getMessage(), null, e);
    }
  }
}
