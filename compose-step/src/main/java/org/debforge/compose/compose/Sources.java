package org.debforge.compose.compose;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.SourceSpec;
import org.debforge.compose.lock.LockSource;
import org.debforge.compose.pkgset.PackageSource;
import org.debforge.compose.source.AptRepository;
import org.debforge.compose.source.TagRepositories;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/** Finds the repository of each blueprint source, in pin order. */
final class Sources {
  /** Debian's archive keyring, as the debian-archive-keyring package installs it. */
  static final Path DEBIAN_KEYRING = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");

  private Sources() {}

  static List<PackageSource> resolve(
      Blueprint bp, TagRepositories tags, Supplier<String> hostMirror) {
    if (bp.sources().isEmpty()) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          bp.file() + ": sources: the blueprint lists no package source",
          "add a Debian mirror suite or an orchestrator:TAG source");
    }
    List<PackageSource> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (SourceSpec s : bp.sources()) {
      if (!names.add(s.name())) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            bp.file() + ": sources: the name '" + s.name() + "' is used twice",
            "give each source its own name: the lock records it");
      }
      if (s instanceof SourceSpec.Mirror m) {
        URI base = m.mirror().orElseGet(() -> URI.create(hostMirror.get()));
        String suite = m.suite() == null || m.suite().isBlank() ? bp.suite() : m.suite();
        List<String> comps = m.components().isEmpty() ? List.of("main") : m.components();
        Path keyring = m.keyring() == null ? DEBIAN_KEYRING : m.keyring();
        AptRepository repo = new AptRepository(base, suite, comps, keyring);
        out.add(
            new PackageSource(
                m.name(),
                repo,
                new LockSource(m.name(), "mirror", base.toString(), suite, comps, null, null)));
      } else if (s instanceof SourceSpec.Orchestrator o) {
        AptRepository repo = tags.resolve(o);
        out.add(
            new PackageSource(
                o.name(),
                repo,
                new LockSource(
                    o.name(),
                    "orchestrator",
                    repo.base().toString(),
                    repo.suite(),
                    repo.components(),
                    o.tag(),
                    o.snapshot().orElse(null))));
      }
    }
    return out;
  }
}
