package org.debforge.compose.repo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.compose.gather.Resolved;
import org.debforge.compose.lock.LockedPackage;
import org.debforge.compose.pkgset.ContentCache;
import org.debforge.compose.pkgset.Fetcher;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Field;
import org.debforge.core.control.Paragraph;
import org.debforge.core.repo.PoolScanner;
import org.debforge.core.repo.RepositoryWriter;
import org.debforge.core.repo.SuiteSettings;

/**
 * Pungi's createrepo phase for Debian: an APT repository holding exactly the resolved set. Each
 * .deb is fetched (or taken from the content cache, or hard-linked from an old compose's pool) and
 * checked against the SHA-256 and size its source index lists; the Packages stanzas are the source
 * indexes' own, only {@code Filename} changed, so Priority and Section stay upstream's (mmdebstrap
 * picks its required set by Priority).
 */
public final class ExactSetRepository {
  /** The component the set is published in. */
  public static final String COMPONENT = "main";

  private final Fetcher fetcher;
  private final ContentCache cache;

  public ExactSetRepository(Fetcher fetcher, ContentCache cache) {
    this.fetcher = fetcher;
    this.cache = cache;
  }

  /**
   * Where the repository's settings come from.
   *
   * @param oldRepo an old compose's repository whose pool may hold the same files, or empty
   */
  public record Settings(
      String label,
      String suite,
      List<String> architectures,
      ZonedDateTime date,
      Optional<Path> oldRepo) {}

  /** What was published: pool files reused from an old compose, fetched, or taken from cache. */
  public record Published(Path root, Path keyring, int linkedFromOld, int fetched) {}

  public Published build(
      Path root, List<Resolved> packages, Settings s, ComposeKey key, PrintWriter log) {
    Map<String, Resolved> unique = new LinkedHashMap<>();
    for (Resolved r : packages) {
      LockedPackage p = r.pkg();
      unique.putIfAbsent(p.name() + "\0" + p.version() + "\0" + p.arch(), r);
    }
    List<Paragraph> stanzas = new ArrayList<>();
    int linked = 0;
    int fetched = 0;
    for (Resolved r : unique.values()) {
      String rel = poolPath(r);
      Path target = root.resolve(rel);
      if (s.oldRepo().isPresent() && linkFromOld(s.oldRepo().get().resolve(rel), target, r.pkg())) {
        linked++;
      } else {
        Path cached =
            cache.get(
                r.pkg().sha256(),
                r.pkg().size(),
                r.pkg().name() + " " + r.pkg().version() + " from " + r.source().name(),
                tmp ->
                    fetcher.download(
                        Fetcher.under(r.source().repo().base(), r.pkg().filename()), tmp));
        place(cached, target);
        fetched++;
      }
      stanzas.add(withFilename(r.stanza(), rel));
    }
    log.println(
        "createrepo: "
            + unique.size()
            + " packages: "
            + linked
            + " linked from the old compose, "
            + fetched
            + " fetched or taken from the cache "
            + cache.dir());
    SuiteSettings suite =
        new SuiteSettings(
            "debforge",
            s.label(),
            s.suite(),
            s.suite(),
            "tumbi-assembler compose " + s.label(),
            COMPONENT,
            s.architectures(),
            s.date(),
            false);
    RepositoryWriter.publish(
        root, suite, new PoolScanner.Pool(stanzas, List.of(), List.of()), key.signer());
    Path keyring = root.resolve("KEY.gpg");
    write(keyring, key.publicKey());
    log.println(
        "createrepo: dists/"
            + s.suite()
            + " signed by "
            + key.signer().fingerprint()
            + "; public key "
            + keyring);
    return new Published(root, keyring, linked, fetched);
  }

  /**
   * The .deb's place in the pool, Debian's layout: {@code
   * pool/main/PREFIX/SOURCE/NAME_VER_ARCH.deb} (the epoch dropped from the file name, as dpkg-name
   * does).
   */
  public static String poolPath(Resolved r) {
    LockedPackage p = r.pkg();
    String source = r.stanza().get("Source").map(v -> v.strip().split("\\s+")[0]).orElse(p.name());
    String prefix =
        source.startsWith("lib") && source.length() > 3
            ? source.substring(0, 4)
            : source.substring(0, 1);
    String version =
        p.version().contains(":")
            ? p.version().substring(p.version().indexOf(':') + 1)
            : p.version();
    for (String part : List.of(source, p.name(), version, p.arch())) {
      if (!part.matches("[A-Za-z0-9.+~_-]+")) {
        throw new DebforgeException(
            ErrorKind.UNSAFE_INPUT,
            "package "
                + p.name()
                + " from source '"
                + r.source().name()
                + "': '"
                + part
                + "' cannot be part of a pool path",
            "the source index is malformed or hostile");
      }
    }
    return "pool/" + COMPONENT + "/" + prefix + "/" + source + "/" + p.name() + "_" + version + "_"
        + p.arch() + ".deb";
  }

  private static Paragraph withFilename(Paragraph in, String filename) {
    Paragraph p = new Paragraph(in.source(), in.line());
    for (Field f : in) {
      p.set(f.name(), f.name().equals("Filename") ? filename : f.value());
    }
    return p;
  }

  private static boolean linkFromOld(Path old, Path target, LockedPackage p) {
    try {
      if (!Files.isRegularFile(old)
          || Files.size(old) != p.size()
          || !ContentCache.sha256(old).equals(p.sha256())) {
        return false;
      }
      place(old, target);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Hard-links (or, across file systems, copies) {@code from} to {@code target}. */
  private static void place(Path from, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Files.deleteIfExists(target);
      try {
        Files.createLink(target, from);
      } catch (IOException | UnsupportedOperationException e) {
        Path tmp = Files.createTempFile(target.getParent(), ".copy-", ".part");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, target + ": " + e.getMessage(), null, e);
    }
  }

  private static void write(Path file, byte[] data) {
    try {
      Path tmp = Files.createTempFile(file.getParent(), ".key-", ".tmp");
      Files.write(tmp, data);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
  }
}
