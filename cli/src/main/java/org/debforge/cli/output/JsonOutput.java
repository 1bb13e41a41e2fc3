package org.debforge.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The {@code --json} switch every data-printing command mixes in, and the one JSON writer. Jackson
 * is loaded only when JSON is asked for, which keeps plain start-up quick.
 */
public final class JsonOutput {
  @Option(
      names = "--json",
      description = "Print machine-readable JSON instead of text (schema: docs/cli-json.md).")
  boolean json;

  public boolean enabled() {
    return json;
  }

  /** Prints {@code value} (records, maps, lists) as one pretty-printed JSON document. */
  public static void print(PrintWriter out, Object value) {
    try {
      out.println(Holder.MAPPER.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  private static final class Holder {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }
}
