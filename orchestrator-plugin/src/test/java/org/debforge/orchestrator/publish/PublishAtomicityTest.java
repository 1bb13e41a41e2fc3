package org.debforge.orchestrator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.FileChecksum;
import org.debforge.core.repo.Release;
import org.debforge.orchestrator.Orchestrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client reading the repository while it is re-published over and over, as apt does ({@code
 * Acquire-By-Hash: yes}): read the Release, then fetch each index it lists by hash. It must always
 * find every index with the size and SHA-256 the Release promises.
 */
class PublishAtomicityTest {
  @TempDir Path tmp;

  @Test
  void aConcurrentReaderNeverSeesAReleasePointingAtMissingOrOtherIndexes() throws Exception {
    try (Orchestrator o = Fixture.withBuilds(tmp)) {
      Publisher p = o.publisher();
      p.publish("alice", Fixture.TAG, null, null);
      Path suite = p.repository(Fixture.TAG).resolve("dists/" + Fixture.TAG);
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger checked = new AtomicInteger();
      List<String> problems = Collections.synchronizedList(new ArrayList<>());
      Thread reader =
          new Thread(
              () -> {
                while (!done.get()) {
                  try {
                    Release r =
                        Release.parse(Files.readString(suite.resolve("Release")), "Release");
                    for (FileChecksum f : r.files(ChecksumField.SHA256)) {
                      Path byHash =
                          suite.resolve(f.name()).resolveSibling("by-hash/SHA256/" + f.digest());
                      byte[] data = Files.readAllBytes(byHash);
                      if (data.length != f.size()
                          || !ChecksumField.SHA256.hex(data).equals(f.digest())) {
                        problems.add(f.name() + " by hash differs from the Release");
                      }
                      checked.incrementAndGet();
                    }
                  } catch (NoSuchFileException e) {
                    problems.add("missing: " + e.getMessage());
                  } catch (Exception e) {
                    problems.add(e.toString());
                  }
                }
              });
      reader.start();
      for (int i = 0; i < 15; i++) {
        o.untagBuild("alice", Fixture.TAG, "hello_1.0-1");
        p.publish("alice", Fixture.TAG, null, null);
        o.tagBuild("alice", Fixture.TAG, "hello_1.0-1");
        p.publish("alice", Fixture.TAG, null, null);
      }
      done.set(true);
      reader.join();
      assertThat(problems).isEmpty();
      assertThat(checked.get()).isGreaterThan(100);
    }
  }
}
