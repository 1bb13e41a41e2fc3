package org.debforge.compose.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The real consumers of our images: skopeo, umoci, ostree, run as a user would. */
final class Cli {
  private Cli() {}

  /** Runs a command, requiring exit 0; returns stdout and stderr. */
  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }

  static JsonNode json(String... command) throws Exception {
    return new ObjectMapper().readTree(run(command));
  }
}
