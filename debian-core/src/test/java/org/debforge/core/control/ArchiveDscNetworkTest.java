package org.debforge.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.debforge.core.mirror.HostMirror;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** hello's source package from the mirror: the .dsc parses and its three files verify. */
@Tag("network")
class ArchiveDscNetworkTest {
  static final Path CACHE = Path.of("target/network-cache/hello");

  static Path fetch(String poolPath) throws Exception {
    Path f = CACHE.resolve(poolPath.substring(poolPath.lastIndexOf('/') + 1));
    if (!Files.exists(f)) {
      Files.createDirectories(CACHE);
      Path part = Files.createTempFile(CACHE, "part", null);
      try (InputStream in = URI.create(HostMirror.detect() + "/" + poolPath).toURL().openStream()) {
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(part, f, StandardCopyOption.ATOMIC_MOVE);
    }
    return f;
  }

  @Test
  void helloFromTheMirrorVerifies() throws Exception {
    Path dsc = fetch("pool/main/h/hello/hello_2.10-3.dsc");
    // The committed fixture is the same file.
    assertThat(Files.readString(dsc)).isEqualTo(Fixtures.text("hello/hello_2.10-3.dsc"));
    Dsc d = Dsc.read(dsc);
    for (ListedFile f : d.files()) {
      fetch("pool/main/h/hello/" + f.name());
    }
    d.verifyFiles(CACHE);
  }
}
