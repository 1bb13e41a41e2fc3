package org.debforge.debmock.plugins.buildrootlock;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Deb822;
import org.debforge.debmock.lock.BuildrootLock;
import org.debforge.debmock.lock.BuildrootLock.LockedPackage;
import org.debforge.debmock.lock.InstalledPackages;
import org.debforge.debmock.lock.InstalledPackages.Entry;

/**
 * Reads a build root's lock from the host: the installed packages from dpkg's status in the build's
 * own layer (deb-mock keeps it current there), which of them the base root already had, and each
 * .deb's sha256 from the apt lists of the base root. No process runs in the root.
 */
public final class RootScan {
  private RootScan() {}

  /**
   * @param status the build root's dpkg status file
   * @param baseRoot the base root directory ({@code CACHE/<config>/<key>/root})
   */
  public static BuildrootLock scan(
      Path status, Path baseRoot, String config, Map<String, Object> configTree, String arch) {
    List<Entry> installed = InstalledPackages.installed(status);
    Set<Entry> base =
        new HashSet<>(InstalledPackages.installed(InstalledPackages.statusFile(baseRoot)));
    Map<String, String[]> index = index(baseRoot, installed);
    List<LockedPackage> pkgs = new ArrayList<>();
    for (Entry e : installed) {
      String[] found = index.get(e.line());
      pkgs.add(
          new LockedPackage(
              e.name(),
              e.version(),
              e.architecture(),
              found == null ? null : found[0],
              found == null ? null : found[1],
              base.contains(e)));
    }
    return new BuildrootLock(
        BuildrootLock.SCHEMA_VERSION,
        config,
        configSha256(configTree),
        arch,
        baseRoot.getParent().getFileName().toString(),
        pkgs);
  }

  /**
   * {@code name version arch} to {SHA256, Filename} for the installed packages. The base root's apt
   * lists never change (a new mirror state makes a new base root), so the answer for one set of
   * installed packages is remembered beside the base root: a warm build then reads a few kB instead
   * of parsing the 48 MB Packages index again.
   */
  private static Map<String, String[]> index(Path root, List<Entry> wanted) {
    Path memo = root.resolveSibling("lock-memo").resolve(memoKey(wanted));
    try {
      if (Files.isRegularFile(memo)) {
        return readMemo(memo);
      }
    } catch (IOException | RuntimeException e) {
      // unreadable or torn memo: fall back to the lists, and write it again below
    }
    Map<String, String[]> out = scanLists(root, wanted);
    writeMemo(memo, out);
    return out;
  }

  private static String memoKey(List<Entry> wanted) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      wanted.stream()
          .map(Entry::line)
          .sorted()
          .forEach(l -> sha.update((l + "\n").getBytes(UTF_8)));
      return HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One line per package: {@code name version arch<TAB>sha256<TAB>filename} ("-": none). */
  private static Map<String, String[]> readMemo(Path memo) throws IOException {
    Map<String, String[]> out = new HashMap<>();
    for (String line : Files.readAllLines(memo, UTF_8)) {
      String[] f = line.split("\t", -1);
      if (f.length != 3) {
        throw new IOException(memo + ": malformed line '" + line + "'");
      }
      out.put(f[0], new String[] {f[1], f[2].equals("-") ? null : f[2]});
    }
    return out;
  }

  private static void writeMemo(Path memo, Map<String, String[]> index) {
    StringBuilder sb = new StringBuilder();
    index.forEach(
        (k, v) ->
            sb.append(k)
                .append('\t')
                .append(v[0])
                .append('\t')
                .append(v[1] == null ? "-" : v[1])
                .append('\n'));
    try {
      Files.createDirectories(memo.getParent());
      Path tmp = Files.createTempFile(memo.getParent(), ".memo-", ".tmp");
      Files.writeString(tmp, sb, UTF_8);
      Files.move(tmp, memo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // only a lost shortcut: the next build reads the lists again
    }
  }

  private static Map<String, String[]> scanLists(Path root, List<Entry> wanted) {
    Set<String> names = new HashSet<>();
    wanted.forEach(e -> names.add(e.name()));
    Map<String, String[]> out = new HashMap<>();
    Path lists = root.resolve("var/lib/apt/lists");
    if (!Files.isDirectory(lists)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(lists, "*_Packages")) {
      for (Path f : files) {
        Deb822.forEach(
            Files.readAllBytes(f),
            f.toString(),
            Deb822.Options.STRICT,
            p -> {
              String name = p.require("Package");
              if (names.contains(name) && p.has("SHA256")) {
                out.putIfAbsent(
                    name + " " + p.require("Version") + " " + p.require("Architecture"),
                    new String[] {p.value("SHA256"), p.get("Filename").orElse(null)});
              }
            });
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot read apt lists in " + lists + ": " + e.getMessage(), null, e);
    }
    return out;
  }

  /** sha256 of the config as JSON with keys sorted, so equal configs hash equal. */
  static String configSha256(Map<String, Object> tree) {
    try {
      byte[] json =
          new ObjectMapper()
              .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
              .writeValueAsString(tree)
              .getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
