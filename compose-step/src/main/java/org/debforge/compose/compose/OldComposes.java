package org.debforge.compose.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.debforge.compose.lock.Lock;
import org.debforge.compose.lock.LockJson;
import org.debforge.compose.phase.ComposeStatus;

/**
 * {@code --old-composes DIR}: finished composes whose outputs a new compose may reuse. Only
 * composes whose STATUS is FINISHED or FINISHED_INCOMPLETE count (a DOOMED or killed one may hold
 * anything), and only when their lock pins exactly the same packages from the same sources.
 */
final class OldComposes {
  private OldComposes() {}

  /** An old compose with an identical lock. */
  record Match(String composeId, ComposeLayout layout) {}

  static Optional<Match> find(Path dir, Lock lock) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    List<Path> candidates;
    try (Stream<Path> s = Files.list(dir)) {
      candidates =
          s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
              .sorted(Comparator.reverseOrder())
              .toList();
    } catch (IOException e) {
      return Optional.empty();
    }
    for (Path c : candidates) {
      try {
        String status = Files.readString(c.resolve("STATUS")).strip();
        if (!status.equals(ComposeStatus.FINISHED.name())
            && !status.equals(ComposeStatus.FINISHED_INCOMPLETE.name())) {
          continue;
        }
        Path lockFile = c.resolve("metadata").resolve("lock.json");
        if (!Files.isRegularFile(lockFile)) {
          continue;
        }
        Lock old = LockJson.read(lockFile);
        if (old.sameContent(lock)) {
          return Optional.of(new Match(old.composeId(), new ComposeLayout(c, old.composeId())));
        }
      } catch (IOException | RuntimeException e) {
        // An unreadable old compose is not reusable; it is not an error of this compose.
      }
    }
    return Optional.empty();
  }
}
