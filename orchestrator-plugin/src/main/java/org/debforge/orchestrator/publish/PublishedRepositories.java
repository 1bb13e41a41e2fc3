package org.debforge.orchestrator.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.pgp.Signer;
import org.debforge.core.repo.Release;
import org.debforge.core.repo.SuiteUpdater;
import org.debforge.orchestrator.tag.Tag;

/**
 * Finds the published APT repository of a tag, or of one of its snapshots, in the local store: the
 * engine side of tumbi-assembler's {@code orchestrator:TAG[@SNAPSHOT]} sources. A server answers
 * the same question at {@code GET /api/v1/tags/TAG/published}, and serves the repository it names
 * under {@code /repos/TAG/}.
 */
public final class PublishedRepositories {
  private final Publisher publisher;

  public PublishedRepositories(Publisher publisher) {
    this.publisher = publisher;
  }

  /**
   * The repository of {@code tag} at {@code snapshot} (null: the live suite).
   *
   * @throws DebforgeException NOT_FOUND naming the tag that does not exist, was never published, or
   *     has no such snapshot
   */
  public PublishedRepository find(String tag, String snapshot) {
    Tag.requireName(tag);
    if (snapshot != null) {
      SuiteUpdater.requireSnapshotId(snapshot);
    }
    PublishSettings settings = publisher.settings(tag); // NOT_FOUND for an unknown tag
    Path repo = publisher.repository(tag);
    Path suiteDir = repo.resolve("dists").resolve(settings.suite());
    if (!Files.isRegularFile(suiteDir.resolve("Release"))) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          "tag '" + tag + "' was never published (no dists/" + settings.suite() + "/Release)",
          "publish it: deb-orchestrator publish " + tag);
    }
    String suite = settings.suite();
    Path dir = suiteDir;
    if (snapshot != null) {
      dir = suiteDir.resolve("snapshots").resolve(snapshot);
      suite = settings.suite() + "/snapshots/" + snapshot;
      if (!Files.isRegularFile(dir.resolve("Release"))) {
        throw new DebforgeException(
            ErrorKind.NOT_FOUND,
            "tag '" + tag + "' has no snapshot '" + snapshot + "'",
            "make one: deb-orchestrator publish " + tag + " --snapshot " + snapshot);
      }
    }
    Release release = Release.read(dir.resolve("Release"));
    List<String> components =
        release.components().stream().filter(c -> !c.endsWith("/debug")).toList();
    return new PublishedRepository(
        tag,
        snapshot,
        repo.toAbsolutePath().toUri(),
        suite,
        components,
        release.architectures(),
        key(repo, settings, Files.isRegularFile(dir.resolve("InRelease"))));
  }

  /**
   * The key written beside the repository on publish; for a repository published before it was, the
   * public half of the configured key.
   */
  private static String key(Path repo, PublishSettings settings, boolean signed) {
    try {
      String written = ArchiveKey.read(repo);
      if (written != null || !signed || settings.signingKey() == null) {
        return written;
      }
      String pass = System.getenv("DEB_ORCHESTRATOR_SIGNING_PASSPHRASE");
      Signer s = Signer.open(settings.signingKey(), pass == null ? null : pass.toCharArray());
      return ArchiveKey.armor(ArchiveKey.publicKey(s));
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, repo + ": " + e.getMessage(), null, e);
    }
  }
}
