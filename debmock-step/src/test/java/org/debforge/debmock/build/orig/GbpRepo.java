package org.debforge.debmock.build.orig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A git packaging repository laid out as gbp lays one out, made with the real tools: an upstream
 * commit tagged {@code upstream/UPVER}, optionally a pristine-tar branch made by {@code
 * pristine-tar commit} from a tarball made by tar (so it differs from what {@code git archive}
 * would make), and {@code debian/} committed on top.
 */
final class GbpRepo {
  static final Map<String, String> IDENTITY =
      Map.of(
          "GIT_AUTHOR_NAME", "t",
          "GIT_AUTHOR_EMAIL", "t@example.org",
          "GIT_COMMITTER_NAME", "t",
          "GIT_COMMITTER_EMAIL", "t@example.org");

  private GbpRepo() {}

  /**
   * Makes {@code dir/NAME}, the repository; with {@code pristineTar}, the tarball committed is in
   * {@code dir/releases}, where the finder never looks.
   *
   * @param version the Debian version, e.g. 1.0-1 or 1:1.0~rc1-1
   * @param upstreamTag the tag to make, or null for none
   * @param pristineTar whether to commit the tarball with pristine-tar
   * @return the repository
   */
  static Path make(Path dir, String name, String version, String upstreamTag, boolean pristineTar)
      throws Exception {
    Path repo = dir.resolve(name);
    String upver = version.replaceFirst("^\\d+:", "").replaceFirst("-[^-]*$", "");
    write(repo.resolve("src/" + name + ".c"), "int main(void) { return 0; }\n");
    write(repo.resolve("README"), "upstream " + upver + "\n");
    sh(repo, "git", "init", "-q", "-b", "master");
    sh(repo, "git", "add", "-A");
    sh(repo, "git", "commit", "-qm", "upstream " + upver);
    if (upstreamTag != null) {
      sh(repo, "git", "tag", upstreamTag);
    }
    if (pristineTar) {
      Path tarball = tarball(dir, repo, name, upver);
      sh(repo, "pristine-tar", "commit", tarball.toString(), "master");
    }
    write(repo.resolve("debian/source/format"), "3.0 (quilt)\n");
    write(
        repo.resolve("debian/control"),
        "Source: "
            + name
            + "\nMaintainer: t <t@example.org>\n\nPackage: "
            + name
            + "\nArchitecture: all\nDescription: t\n t\n");
    write(
        repo.resolve("debian/changelog"),
        name
            + " ("
            + version
            + ") unstable; urgency=medium\n\n  * T.\n\n"
            + " -- t <t@example.org>  Thu, 01 Feb 2024 12:00:00 +0000\n");
    write(repo.resolve("debian/rules"), "#!/usr/bin/make -f\n%:\n\tdh $@\n");
    Files.setPosixFilePermissions(
        repo.resolve("debian/rules"), PosixFilePermissions.fromString("rwxr-xr-x"));
    sh(repo, "git", "add", "-A");
    sh(repo, "git", "commit", "-qm", "debian " + version);
    return repo;
  }

  /**
   * The upstream tarball as a release would ship it, made by tar with a time stamp (so its bytes
   * differ from a {@code git archive | gzip -n} of the same tree), kept in {@code dir/releases}.
   */
  static Path tarball(Path dir, Path repo, String name, String upver) throws Exception {
    Path releases = dir.resolve("releases");
    Path src = releases.resolve(name + "-" + upver);
    Files.createDirectories(src);
    sh(repo, "sh", "-c", "git archive HEAD | tar -x -C " + src);
    Path t = releases.resolve(name + "_" + upver + ".orig.tar.gz");
    sh(releases, "tar", "czf", t.toString(), "--mtime=2020-01-01", src.getFileName().toString());
    return t;
  }

  static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  static String sh(Path cwd, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(cmd))).directory(cwd.toFile());
    pb.environment().putAll(IDENTITY);
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    return out;
  }
}
