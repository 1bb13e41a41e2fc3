package org.debforge.cli.orchestrator;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.orchestrator.OrchestratorApi;
import org.debforge.orchestrator.auth.ApiToken;
import org.debforge.orchestrator.auth.NewToken;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.json.JsonViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deb-orchestrator token create|list|revoke}: API tokens, on the local store (the server's).
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "API tokens of the server, managed on its store.",
    subcommands = {
      TokenCommands.Create.class,
      TokenCommands.ListTokens.class,
      TokenCommands.Revoke.class
    })
final class TokenCommands implements java.util.concurrent.Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a token and print it, once: only its sha256 is stored.",
        "Roles: reader; builder (import); tagger (tag, untag, move, package lists); admin (all).",
      })
  static final class Create extends StoreCommand {
    @Option(names = "--name", required = true, description = "Recorded as the actor of changes.")
    String name;

    @Option(names = "--role", required = true, description = "admin, tagger, builder or reader.")
    String role;

    @Option(
        names = "--perm",
        paramLabel = "NAME",
        description =
            "A permission held besides the role (repeatable): tags naming it with"
                + " 'edit-tag --perm' accept tagging by this token.")
    List<String> perms = new ArrayList<>();

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      NewToken t = local(o).createToken(actor(), name, Role.parse(role), perms);
      if (json.enabled()) {
        Map<String, Object> m = new LinkedHashMap<>(JsonViews.token(t.token()));
        m.put("token", t.secret());
        JsonOutput.print(out, m);
      } else {
        out.println(t.secret());
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List tokens (no secrets).")
  static final class ListTokens extends StoreCommand {
    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      var tokens = local(o).listTokens();
      if (json.enabled()) {
        JsonOutput.print(out, tokens.stream().map(JsonViews::token).toList());
        return;
      }
      for (ApiToken t : tokens) {
        out.printf(
            "%-24s %-8s %s by %s%s%n",
            t.name(),
            t.role().label(),
            t.created(),
            t.createdBy(),
            t.perms().isEmpty() ? "" : " perms=" + String.join(",", t.perms()));
      }
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = {
        "End a token at once, by name or id: requests with it are refused (401) from now on,",
        "and every web session opened with it ends. Recorded in the history as revoke-token."
      })
  static final class Revoke extends StoreCommand {
    @picocli.CommandLine.Parameters(paramLabel = "NAME|ID", description = "The token to revoke.")
    String ref;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      ApiToken t = local(o).revokeToken(actor(), ref);
      if (json.enabled()) {
        JsonOutput.print(out, JsonViews.token(t));
      } else {
        out.println("revoked " + t.name() + " (" + t.role().label() + ")");
      }
    }
  }
}
