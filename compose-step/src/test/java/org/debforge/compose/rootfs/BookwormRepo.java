package org.debforge.compose.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.debforge.compose.lock.LockedPackage;
import org.debforge.core.control.Paragraph;
import org.debforge.core.pgp.KeyGenerator;
import org.debforge.core.pgp.Keyring;
import org.debforge.core.pgp.SigningKey;
import org.debforge.core.pgp.Verifier;
import org.debforge.core.repo.IndexReader;
import org.debforge.core.repo.PoolScanner;
import org.debforge.core.repo.RepositoryWriter;
import org.debforge.core.repo.SuiteSettings;
import org.debforge.core.resolve.PackageUniverse;
import org.debforge.core.resolve.PackageVersion;
import org.debforge.core.resolve.Resolution;
import org.debforge.core.resolve.Resolver;

/**
 * An exact-set repository made from Debian's bookworm mirror, as the gather and createrepo phases
 * make one: the Essential and Priority: required set plus the requested packages, resolved by our
 * resolver, each .deb checked against the signed index, the upstream stanzas (with their Priority
 * values) published and signed with a fresh key. Indexes and .debs are cached under {@code target/}
 * so that reruns download nothing.
 */
final class BookwormRepo {
  static final String SUITE = "bookworm";
  static final String INDEX = "main/binary-amd64/Packages.xz";
  static final Path CACHE = Path.of("target/rootfs-cache").toAbsolutePath();

  final Path repo;
  final Path keyring;
  final List<LockedPackage> lock;
  final String mirror;

  private BookwormRepo(Path repo, Path keyring, List<LockedPackage> lock, String mirror) {
    this.repo = repo;
    this.keyring = keyring;
    this.lock = lock;
    this.mirror = mirror;
  }

  static BookwormRepo make(Path dir, String mirror, String... extra) throws Exception {
    Files.createDirectories(CACHE.resolve("debs"));
    Path inRelease = CACHE.resolve("InRelease");
    Files.deleteIfExists(inRelease); // small; always the mirror's current one
    fetch(mirror + "/dists/" + SUITE + "/InRelease", inRelease);
    String signed =
        new Verifier(Keyring.read(Path.of("/usr/share/keyrings/debian-archive-keyring.gpg")))
            .verifyClearsigned(Files.readString(inRelease), inRelease.toString())
            .signedText();
    String expected = sha256Of(signed, INDEX);
    Path xz = CACHE.resolve("Packages-" + expected.substring(0, 16) + ".xz");
    if (!Files.isRegularFile(xz)) {
      fetch(mirror + "/dists/" + SUITE + "/" + INDEX, xz);
    }
    assertThat(sha256(xz)).as(INDEX + " against the signed InRelease").isEqualTo(expected);
    Path packages = CACHE.resolve("Packages");
    Files.write(packages, IndexReader.bytes(xz));

    PackageUniverse universe = PackageUniverse.builder("amd64").source(packages).build();
    List<String> requests = new ArrayList<>();
    for (String name : universe.realNames()) {
      universe
          .candidate(name, "amd64")
          .filter(
              v ->
                  "yes".equals(v.paragraph().value("Essential"))
                      || "required".equals(v.paragraph().value("Priority")))
          .ifPresent(v -> requests.add(name));
    }
    requests.addAll(List.of(extra));
    Resolution r =
        new Resolver(universe, Resolver.Options.NO_RECOMMENDS)
            .resolve(requests.toArray(String[]::new));
    assertThat(r.satisfiable()).as("resolving %s", requests).isTrue();

    Path repo = Files.createDirectories(dir.resolve("repo"));
    List<Paragraph> stanzas = new ArrayList<>();
    List<LockedPackage> lock = new ArrayList<>();
    for (PackageVersion v : r.install()) {
      Paragraph p = v.paragraph();
      String filename = p.require("Filename");
      String sha = p.require("SHA256");
      Path cached = CACHE.resolve("debs").resolve(Path.of(filename).getFileName());
      if (!Files.isRegularFile(cached) || !sha256(cached).equals(sha)) {
        fetch(mirror + "/" + filename, cached);
      }
      assertThat(sha256(cached)).as(filename).isEqualTo(sha);
      Path inPool = repo.resolve(filename);
      Files.createDirectories(inPool.getParent());
      try {
        Files.createLink(inPool, cached);
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(cached, inPool);
      }
      stanzas.add(p); // upstream's stanza: its Priority and Section are what mmdebstrap reads
      lock.add(
          new LockedPackage(
              v.name(),
              v.version(),
              p.require("Architecture"),
              sha,
              Long.parseLong(p.require("Size")),
              "debian",
              filename));
    }
    SigningKey key = KeyGenerator.generate("debforge compose test <compose@example.org>", null);
    Path keyring = dir.resolve("compose-repo.gpg");
    Files.write(keyring, key.encodePublic(false));
    RepositoryWriter.publish(
        repo,
        new SuiteSettings(
            "debforge",
            "debforge",
            SUITE,
            SUITE,
            null,
            "main",
            List.of("amd64"),
            ZonedDateTime.now(ZoneOffset.UTC),
            false),
        new PoolScanner.Pool(stanzas, List.of(), List.of()),
        key);
    return new BookwormRepo(repo, keyring, lock, mirror);
  }

  static void fetch(String url, Path to) throws IOException, InterruptedException {
    HttpResponse<InputStream> resp =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(resp.statusCode()).as(url).isEqualTo(200);
    Path tmp = Files.createTempFile(to.getParent(), to.getFileName().toString(), ".part");
    try (InputStream in = resp.body()) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static String sha256Of(String release, String index) {
    boolean inSha256 = false;
    for (String line : release.split("\n")) {
      if (!line.startsWith(" ")) {
        inSha256 = line.startsWith("SHA256:");
      } else if (inSha256 && line.endsWith(" " + index)) {
        return line.strip().split("\\s+")[0];
      }
    }
    throw new AssertionError(index + " is not in the Release file's SHA256 list");
  }

  static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
