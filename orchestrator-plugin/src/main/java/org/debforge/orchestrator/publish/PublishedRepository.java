package org.debforge.orchestrator.publish;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Where a tag's published APT repository is, as a client reads it: {@code deb [signed-by=KEY] BASE
 * SUITE COMPONENTS...}.
 *
 * @param snapshot the snapshot id, or null for the live suite
 * @param base the folder holding {@code dists/} and {@code pool/}: a {@code file:} URI of the local
 *     store's repository, or {@code SERVER/repos/TAG/} of a server; ends with a slash
 * @param suite the path under {@code dists/}: the suite, or {@code SUITE/snapshots/ID}
 * @param components the Release's components (debug components left out)
 * @param architectures the Release's architectures
 * @param armoredKey the public key InRelease is signed with, armored; null: the tag is published
 *     unsigned
 */
public record PublishedRepository(
    String tag,
    String snapshot,
    URI base,
    String suite,
    List<String> components,
    List<String> architectures,
    String armoredKey) {
  public PublishedRepository {
    components = List.copyOf(components);
    architectures = List.copyOf(architectures);
  }

  /**
   * Writes the key as a binary keyring (what {@code gpgv --keyring} needs; apt's {@code signed-by}
   * takes it too) and returns {@code file}.
   */
  public Path writeKeyring(Path file) {
    if (armoredKey == null) {
      throw new DebforgeException(
          ErrorKind.VERIFICATION_FAILED,
          "tag '" + tag + "' is published unsigned: there is no key to verify it with",
          "give it a key: deb-orchestrator publish-config " + tag + " --signing-key KEY");
    }
    try (InputStream in =
        new ArmoredInputStream(
            new ByteArrayInputStream(armoredKey.getBytes(StandardCharsets.US_ASCII)))) {
      Files.write(file, in.readAllBytes());
      return file;
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
  }
}
