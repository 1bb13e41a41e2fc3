package org.debforge.compose.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.blueprint.SourceSpec;
import org.debforge.compose.repo.ComposeKey;
import org.debforge.core.control.Paragraph;
import org.debforge.core.deb.DebWriter;
import org.debforge.core.pgp.KeyGenerator;
import org.debforge.core.pgp.SigningKey;
import org.debforge.core.repo.PoolScanner;
import org.debforge.core.repo.RepositoryWriter;
import org.debforge.core.repo.SuiteSettings;

/**
 * A small signed APT repository made with our own DebWriter and RepositoryWriter: real .debs, a
 * real InRelease, no network. Keys are generated once per test run (RSA takes a moment).
 */
public final class TestArchive {
  public static final SigningKey ARCHIVE_KEY =
      KeyGenerator.generate("Test Archive <archive@example.org>", null);
  public static final SigningKey COMPOSE_KEY =
      KeyGenerator.generate("Test Compose <compose@example.org>", null);
  public static final ZonedDateTime DATE = ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

  public final Path root;
  public final Path keyring;
  private final List<Paragraph> packages = new ArrayList<>();
  private List<String> architectures = List.of("amd64");

  public TestArchive(Path root) {
    this.root = root;
    this.keyring = root.resolve("archive-key.gpg");
  }

  /** The standard fixture: a required base, a library, a virtual MTA, an arch:all tool. */
  public static TestArchive standard(Path root) {
    TestArchive a = new TestArchive(root);
    a.add(
        "base-files",
        "1.0",
        "amd64",
        "Essential",
        "yes",
        "Priority",
        "required",
        "Depends",
        "libfoo1");
    a.add(
        "libfoo1", "1.2-1", "amd64", "Priority", "optional", "Multi-Arch", "same", "Source", "foo");
    a.add(
        "hello",
        "2:2.10-3",
        "amd64",
        "Priority",
        "optional",
        "Section",
        "devel",
        "Depends",
        "libfoo1 (>= 1.0), postfix | mail-transport-agent");
    a.add("exim", "4.96-1", "amd64", "Priority", "extra", "Provides", "mail-transport-agent");
    a.add("tool", "0.1", "all", "Priority", "optional", "Depends", "hello");
    a.add("needs-missing", "1", "amd64", "Priority", "optional", "Depends", "not-there (>= 2)");
    a.add("unrelated", "1", "amd64", "Priority", "optional");
    return a;
  }

  /** The architectures the suite publishes (amd64 by default). */
  public TestArchive architectures(String... archs) {
    architectures = List.of(archs);
    return this;
  }

  /** Adds a package with the given extra control fields (name, value, ...). */
  public TestArchive add(String name, String version, String arch, String... fields) {
    Paragraph p = new Paragraph();
    p.set("Package", name);
    p.set("Version", version);
    p.set("Architecture", arch);
    p.set("Maintainer", "Test <test@example.org>");
    for (int i = 0; i < fields.length; i += 2) {
      p.set(fields[i], fields[i + 1]);
    }
    p.set("Description", name + " for compose tests");
    packages.add(p);
    return this;
  }

  /** Writes the .debs and publishes {@code dists/testing} signed with {@link #ARCHIVE_KEY}. */
  public TestArchive publish() {
    try {
      Path pool = root.resolve("pool/main");
      Files.createDirectories(pool);
      for (Paragraph p : packages) {
        String v = p.value("Version");
        v = v.contains(":") ? v.substring(v.indexOf(':') + 1) : v;
        String name = p.value("Package");
        DebWriter.of(p)
            .mtime(0)
            .file(
                "usr/share/doc/" + name + "/README",
                0644,
                ("this is " + name + "\n").getBytes(StandardCharsets.UTF_8))
            .write(pool.resolve(name + "_" + v + "_" + p.value("Architecture") + ".deb"));
      }
      RepositoryWriter.publish(
          root,
          new SuiteSettings(
              "Test", "Test", "testing", "testing", null, "main", architectures, DATE, false),
          PoolScanner.scan(root, root.resolve("pool")),
          ARCHIVE_KEY);
      Files.write(keyring, ARCHIVE_KEY.encodePublic(false));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public SourceSpec.Mirror source(String name) {
    return new SourceSpec.Mirror(
        name, Optional.of(root.toUri()), "testing", List.of("main"), keyring);
  }

  public static ComposeKey composeKey() {
    return ComposeKey.of(COMPOSE_KEY);
  }

  /** A blueprint over {@code sources}, required set on, no recommends, rootfs output. */
  public static Blueprint blueprint(
      Path dir, List<SourceSpec> sources, List<String> packages, List<OutputSpec> outputs) {
    return new Blueprint(
        dir.resolve("blueprint.yaml"),
        "mini",
        "1.0",
        "testing",
        List.of("amd64"),
        sources,
        packages,
        Map.of(),
        List.of(),
        false,
        true,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        outputs,
        Map.of());
  }
}
