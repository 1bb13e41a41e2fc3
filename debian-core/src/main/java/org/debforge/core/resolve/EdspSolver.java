package org.debforge.core.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.debforge.core.DebforgeException;

/**
 * The resolver as an APT external solver: reads an EDSP scenario on stdin and writes the answer on
 * stdout. Installed as {@code /usr/lib/apt/solvers/debforge}, {@code apt-get --solver debforge}
 * uses it. apt's EDSP request does not say whether Recommends are wanted: set {@code
 * DEBFORGE_INSTALL_RECOMMENDS=yes} in the solver's environment to install them.
 */
public final class EdspSolver {
  private EdspSolver() {}

  public static void main(String[] args) {
    System.exit(run(System.in, System.out, System.getenv("DEBFORGE_INSTALL_RECOMMENDS")));
  }

  /** Solves one scenario; returns the exit status (0 also when the answer is an Error stanza). */
  public static int run(InputStream in, PrintStream out, String recommends) {
    String answer;
    int status = 0;
    try {
      byte[] input = in.readAllBytes();
      Edsp.Scenario scenario = Edsp.read(input, "EDSP scenario (stdin)");
      boolean withRecommends =
          "yes".equalsIgnoreCase(recommends)
              || scenario
                  .request()
                  .get("Install-Recommends")
                  .map(v -> v.strip().equalsIgnoreCase("yes"))
                  .orElse(false);
      Resolver resolver = new Resolver(scenario.universe(), new Resolver.Options(withRecommends));
      answer = Edsp.answer(resolver.resolve(scenario.install(), scenario.remove()));
    } catch (DebforgeException e) {
      answer = Edsp.error(e.getMessage() + e.hint().map(h -> "\nhint: " + h).orElse(""));
    } catch (IOException e) {
      answer = Edsp.error("cannot read the scenario: " + e.getMessage());
      status = 1;
    }
    out.write(
        answer.getBytes(StandardCharsets.UTF_8), 0, answer.getBytes(StandardCharsets.UTF_8).length);
    out.flush();
    return status;
  }
}
