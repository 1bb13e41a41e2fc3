package org.debforge.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableTest {
  @Test
  void syncsATreeWithoutFollowingLinks(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("gen/main/binary-amd64"));
    Files.writeString(root.resolve("Packages"), "Package: a\n");
    Path outside = Files.createDirectory(dir.resolve("outside"));
    // A FIFO blocks whoever opens it for reading: following a link to it would hang the sync.
    Path fifo = outside.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Files.createSymbolicLink(dir.resolve("gen/snapshots"), outside);
    Files.createSymbolicLink(dir.resolve("gen/fifo"), fifo);
    Files.createSymbolicLink(dir.resolve("gen/dangling"), dir.resolve("nowhere"));
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Durable.syncTree(dir.resolve("gen")));
    assertThat(root.resolve("Packages")).hasContent("Package: a");
  }

  @Test
  void aDirectoryThatCannotBeOpenedIsNoError(@TempDir Path dir) {
    Durable.syncDirectory(dir.resolve("missing"));
    Durable.syncDirectory(dir);
  }
}
