package org.debforge.debmock.plugins.buildrootlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.debforge.debmock.lock.BuildrootLock;
import org.debforge.debmock.lock.HermeticBuild;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock of a root laid out as deb-mock lays it out on the host: a base root in the cache (dpkg
 * status and apt lists with paragraphs from bookworm), and a build's status with two packages
 * installed over it. The golden file is the schema documented in docs/deb-mock-result.md.
 */
class BuildrootLockTest {
  static final String KEY = "b7af932f51b6bac8-5928458c6ae1";
  @TempDir Path dir;
  Path base;
  Path buildStatus;

  static String status(String name, String version, String arch, String state) {
    return "Package: "
        + name
        + "\nStatus: install ok "
        + state
        + "\nArchitecture: "
        + arch
        + "\nVersion: "
        + version
        + "\n\n";
  }

  static String index(String name, String version, String arch, String sha256, String file) {
    return "Package: "
        + name
        + "\nVersion: "
        + version
        + "\nArchitecture: "
        + arch
        + "\nFilename: "
        + file
        + "\nSHA256: "
        + sha256
        + "\n\n";
  }

  static final String DPKG_SHA = "a".repeat(64);

  @BeforeEach
  void root() throws Exception {
    base = dir.resolve("cache/bookworm-amd64").resolve(KEY).resolve("root");
    Files.createDirectories(base.resolve("var/lib/dpkg"));
    Files.createDirectories(base.resolve("var/lib/apt/lists"));
    Files.writeString(base.getParent().resolve("complete"), "");
    String baseStatus =
        status("dpkg", "1.21.22", "amd64", "installed")
            + status("base-files", "12.4+deb12u11", "amd64", "installed")
            + "Package: gone\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 1\n\n";
    Files.writeString(base.resolve("var/lib/dpkg/status"), baseStatus);
    Files.writeString(
        base.resolve(
            "var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages"),
        index("dpkg", "1.21.22", "amd64", DPKG_SHA, "pool/main/d/dpkg/dpkg_1.21.22_amd64.deb")
            + index(
                "base-files",
                "12.4+deb12u11",
                "amd64",
                "b".repeat(64),
                "pool/main/b/base-files/base-files_12.4+deb12u11_amd64.deb")
            + index(
                "debhelper",
                "13.11.4",
                "all",
                sha256("debhelper".getBytes(StandardCharsets.UTF_8)),
                "pool/main/d/debhelper/debhelper_13.11.4_all.deb")
            + index(
                "automake",
                "1:1.16.5-1.3",
                "all",
                sha256("automake".getBytes(StandardCharsets.UTF_8)),
                "pool/main/a/automake-1.16/automake_1.16.5-1.3_all.deb"));
    buildStatus = dir.resolve("upper/var/lib/dpkg/status");
    Files.createDirectories(buildStatus.getParent());
    Files.writeString(
        buildStatus,
        baseStatus
            + status("debhelper", "13.11.4", "all", "installed")
            + status("automake", "1:1.16.5-1.3", "all", "installed"));
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  BuildrootLock scan() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", "bookworm-amd64");
    config.put("suite", "bookworm");
    config.put("architecture", "amd64");
    return RootScan.scan(buildStatus, base, "bookworm-amd64", config, "amd64");
  }

  @Test
  void lockMatchesGoldenFile() throws Exception {
    String golden =
        new String(
            getClass().getResourceAsStream("buildroot_lock.golden.json").readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(scan().text()).isEqualTo(golden);
  }

  @Test
  void secondScanOfTheSameRootIsAnsweredFromTheMemoNotTheLists() throws Exception {
    String first = scan().text();
    Path memoDir = base.resolveSibling("lock-memo");
    try (var memos = Files.list(memoDir)) {
      assertThat(memos.toList()).hasSize(1);
    }
    // The lists are gone: only the memo can still name every sha256.
    Path lists = base.resolve("var/lib/apt/lists");
    try (var files = Files.list(lists)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    assertThat(scan().text()).isEqualTo(first);
    // A torn memo is not trusted: the scan falls back to the (now empty) lists.
    try (var memos = Files.list(memoDir)) {
      Files.writeString(memos.findFirst().orElseThrow(), "torn");
    }
    assertThat(scan().packages()).allSatisfy(p -> assertThat(p.sha256()).isNull());
  }

  @Test
  void writtenLockReadsBackEqual() {
    BuildrootLock lock = scan();
    Path file = dir.resolve(BuildrootLock.FILE_NAME);
    lock.write(file);
    assertThat(BuildrootLock.read(file)).isEqualTo(lock);
    assertThat(lock.installed())
        .extracting(BuildrootLock.LockedPackage::name)
        .containsExactly("automake", "debhelper");
  }

  @Test
  void configHashIgnoresKeyOrder() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("suite", "bookworm");
    a.put("architecture", "amd64");
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("architecture", "amd64");
    b.put("suite", "bookworm");
    assertThat(RootScan.configSha256(a)).isEqualTo(RootScan.configSha256(b));
  }

  @Test
  void malformedLocksAreRefusedNamingTheField() throws Exception {
    String good = scan().text();
    for (String[] bad :
        List.of(
            new String[] {
              good.replace("\"schema_version\" : 1", "\"schema_version\" : 9"), "schema_version"
            },
            new String[] {good.replace(DPKG_SHA, "xyz"), "packages[3]"},
            new String[] {
              good.replace("\"name\" : \"debhelper\"", "\"name\" : \"../etc\""), "packages[2]"
            },
            new String[] {good.replace("\"base_root\"", "\"base\""), "base_root"},
            new String[] {"{not json", "JSON"})) {
      Path f = dir.resolve("bad.json");
      Files.writeString(f, bad[0]);
      assertThatThrownBy(() -> BuildrootLock.read(f))
          .isInstanceOf(FormatException.class)
          .hasMessageContaining(f.toString())
          .hasMessageContaining(bad[1]);
    }
  }

  @Test
  void hermeticBuildListsEveryMissingOrAlteredDeb() throws Exception {
    Path lockFile = dir.resolve(BuildrootLock.FILE_NAME);
    scan().write(lockFile);
    HermeticBuild h = HermeticBuild.read(lockFile);
    Path archive = dir.resolve("archives");
    Files.createDirectories(archive);
    Files.writeString(archive.resolve("debhelper_13.11.4_all.deb"), "tampered");
    Path root = h.baseRoot(dir.resolve("cache"), "bookworm-amd64");
    assertThat(root).isEqualTo(base);
    assertThatThrownBy(() -> h.verify(root, archive))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.DEPENDENCY_RESOLUTION))
        .hasMessageContaining("2 package(s)")
        .hasMessageContaining(
            "automake 1:1.16.5-1.3 all: missing "
                + archive.resolve("automake_1%3a1.16.5-1.3_all.deb"))
        .hasMessageContaining(
            "debhelper 13.11.4 all: "
                + archive.resolve("debhelper_13.11.4_all.deb")
                + " has sha256");
    // With the right .debs in place the check passes and names the files to install.
    Files.writeString(archive.resolve("debhelper_13.11.4_all.deb"), "debhelper");
    Files.writeString(archive.resolve("automake_1%3a1.16.5-1.3_all.deb"), "automake");
    assertThat(h.verify(root, archive))
        .containsExactly("automake_1%3a1.16.5-1.3_all.deb", "debhelper_13.11.4_all.deb");
    assertThat(h.toInstall().listing())
        .isEqualTo("automake 1:1.16.5-1.3 all\ndebhelper 13.11.4 all\n");
  }

  @Test
  void hermeticBuildNeedsTheLockedBaseRootAndConfig() throws Exception {
    Path lockFile = dir.resolve(BuildrootLock.FILE_NAME);
    scan().write(lockFile);
    HermeticBuild h = HermeticBuild.read(lockFile);
    assertThatThrownBy(() -> h.baseRoot(dir.resolve("cache"), "sid-amd64"))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG));
    assertThatThrownBy(() -> h.baseRoot(dir.resolve("elsewhere"), "bookworm-amd64"))
        .hasMessageContaining("base root " + KEY)
        .hasMessageContaining("is missing");
  }
}
