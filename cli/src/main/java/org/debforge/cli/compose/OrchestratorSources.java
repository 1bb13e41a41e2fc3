package org.debforge.cli.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.debforge.cli.orchestrator.OrchestratorConnection;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.SourceSpec;
import org.debforge.compose.source.AptRepository;
import org.debforge.compose.source.TagRepositories;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.OrchestratorApi;
import org.debforge.orchestrator.client.RemoteOrchestrator;
import org.debforge.orchestrator.compose.ComposeImport;
import org.debforge.orchestrator.compose.ComposeMetadataReader;
import org.debforge.orchestrator.publish.PublishedRepository;

/**
 * deb-orchestrator as tumbi-assembler sees it: where a tag's (or tag snapshot's) published
 * repository is, for {@code orchestrator:TAG[@SNAPSHOT]} sources, and where a finished compose is
 * recorded. The store or server is the one deb-orchestrator's own commands would use (options,
 * environment, config file), opened on first use only, so blueprints without orchestrator sources
 * never touch it. Keys handed out by the orchestrator are written to temporary keyrings, removed on
 * {@link #close}.
 */
final class OrchestratorSources implements TagRepositories, AutoCloseable {
  private final OrchestratorConnection connection;
  private final List<Path> keyrings = new ArrayList<>();
  private OrchestratorApi api;

  OrchestratorSources(OrchestratorConnection connection) {
    this.connection = connection;
  }

  /** Whether the blueprint reads a tag (then its compose is recorded by default). */
  static boolean usesTags(Blueprint bp) {
    return bp.sources().stream().anyMatch(s -> s instanceof SourceSpec.Orchestrator);
  }

  @Override
  public AptRepository resolve(SourceSpec.Orchestrator tag) {
    PublishedRepository r;
    if (tag.server().isPresent()) {
      // A blueprint naming its server reads that one, whatever this shell is configured for.
      try (RemoteOrchestrator remote =
          new RemoteOrchestrator(tag.server().get(), connection.token())) {
        r = remote.publishedRepository(tag.tag(), tag.snapshot().orElse(null));
      }
    } else {
      r = api().publishedRepository(tag.tag(), tag.snapshot().orElse(null));
    }
    Path keyring = tag.keyring().orElseGet(() -> r.writeKeyring(newKeyring(tag.tag())));
    return new AptRepository(r.base(), r.suite(), r.components(), keyring);
  }

  /** Records the compose in {@code dir} (its metadata/composeinfo.json and lock.json). */
  ComposeImport record(Path dir, String actor) {
    return api().importCompose(actor, ComposeMetadataReader.read(dir));
  }

  private OrchestratorApi api() {
    if (api == null) {
      api = connection.open();
    }
    return api;
  }

  private Path newKeyring(String tag) {
    try {
      Path f =
          Files.createTempFile("debforge-tag-" + tag.replaceAll("[^A-Za-z0-9.+-]", "_"), ".gpg");
      keyrings.add(f);
      return f;
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, "cannot write a keyring: " + e.getMessage(), null);
    }
  }

  @Override
  public void close() {
    for (Path k : keyrings) {
      try {
        Files.deleteIfExists(k);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
    if (api != null) {
      api.close();
    }
  }
}
