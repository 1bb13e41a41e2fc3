package org.debforge.cli.orchestrator;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.pgp.Signer;
import org.debforge.orchestrator.OrchestratorApi;
import org.debforge.orchestrator.json.PublishViews;
import org.debforge.orchestrator.publish.PublishResult;
import org.debforge.orchestrator.publish.PublishSettings;
import org.debforge.orchestrator.publish.Publisher;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Publishing tags as APT repositories (docs/deb-orchestrator.md, "Publishing"). Both work on the
 * local store, where the repositories are written; a server's are published with {@code POST
 * /api/v1/tags/TAG/publish}.
 */
final class PublishCommands {
  private PublishCommands() {}

  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description = {
        "Publish TAG (with inheritance) as a signed APT repository in STORE/repos/TAG,",
        "served by 'deb-orchestrator serve' at /repos/TAG/. Incremental and atomic.",
      })
  static final class Publish extends StoreCommand {
    @Parameters(paramLabel = "TAG")
    String tag;

    @Option(
        names = "--snapshot",
        paramLabel = "ID",
        description = "Also keep the result as dists/SUITE/snapshots/ID, never rewritten.")
    String snapshot;

    @Option(
        names = "--export",
        paramLabel = "DIR",
        description = "Also mirror the repository into DIR (hard links) for any web server.")
    Path export;

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      PublishResult r = local(o).publisher().publish(actor(), tag, snapshot, export);
      if (json.enabled()) {
        JsonOutput.print(out, PublishViews.result(r));
        return;
      }
      out.printf(
          "Published %s as suite %s in %s: %d builds, %d binaries, %d sources; %d index files"
              + " written, %d unchanged%s, %s (%d ms)%n",
          r.tag(),
          r.suite(),
          r.directory(),
          r.builds(),
          r.binaries(),
          r.sources(),
          r.written().size(),
          r.unchanged().size(),
          r.releaseWritten() ? "" : ", Release unchanged",
          r.signedBy() == null ? "unsigned" : "signed by " + r.signedBy(),
          r.millis());
      if (r.poolCopied() > 0) {
        out.printf(
            "Note: %d pool files were copied, not hard-linked: the repository is on another file"
                + " system than the store.%n",
            r.poolCopied());
      }
      if (r.snapshot() != null) {
        out.println("Snapshot: " + r.snapshot());
      }
      if (r.export() != null) {
        out.println("Exported to: " + r.export());
      }
    }
  }

  @Command(
      name = "publish-config",
      mixinStandardHelpOptions = true,
      description = {
        "Show or change how TAG is published: suite, components, architectures, Release fields,",
        "signing key, latest build per package or all versions. Options not given are kept.",
      })
  static final class PublishConfig extends StoreCommand {
    @Parameters(paramLabel = "TAG")
    String tag;

    @Option(names = "--suite", description = "Suite name: dists/SUITE. Default: the tag's name.")
    String suite;

    @Option(names = "--codename", description = "Codename in the Release. Default: the suite.")
    String codename;

    @Option(
        names = "--components",
        split = "[ ,]",
        description = "Components; the first takes packages whose Section names none other.")
    List<String> components;

    @Option(
        names = "--arches",
        split = "[ ,]",
        description = "Architectures to index. Default: the tag's ('' for the tag's).")
    List<String> arches;

    @Option(names = "--origin")
    String origin;

    @Option(names = "--label")
    String label;

    @Option(names = "--description")
    String description;

    @Option(
        names = "--signing-key",
        paramLabel = "FILE|KEYID",
        description =
            "OpenPGP secret key file to sign with (passphrase:"
                + " $DEB_ORCHESTRATOR_SIGNING_PASSPHRASE), or, when no such file exists, a key of"
                + " the publishing user's gpg by fingerprint, key id (8, 16 or 40 hex digits, 0x"
                + " allowed) or email, signed with gpg --local-user ('' for unsigned).")
    String signingKey;

    @ArgGroup(exclusive = true)
    Versions versions;

    @Option(
        names = "--split-debug",
        negatable = true,
        description =
            "Debug-symbols packages (-dbgsym) go to COMPONENT/debug, as Debian's debug archive"
                + " (default); --no-split-debug keeps them in their component.")
    Boolean splitDebug;

    static final class Versions {
      @Option(names = "--latest-only", description = "Newest build per package (default).")
      boolean latest;

      @Option(names = "--all-versions", description = "Every tagged build of each package.")
      boolean all;
    }

    @Override
    void run(OrchestratorApi o, PrintWriter out) {
      Publisher p = local(o).publisher();
      PublishSettings s = p.settings(tag);
      boolean change =
          suite != null
              || codename != null
              || components != null
              || arches != null
              || origin != null
              || label != null
              || description != null
              || signingKey != null
              || versions != null
              || splitDebug != null;
      if (change) {
        String key =
            signingKey == null
                ? s.signingKey()
                : signingKey.isBlank() ? null : keyFileOrId(signingKey);
        s =
            p.configure(
                actor(),
                tag,
                new PublishSettings(
                    suite != null ? suite : s.suite(),
                    codename != null ? codename : suite != null ? suite : s.codename(),
                    components != null ? components : s.components(),
                    arches != null
                        ? arches.stream().filter(a -> !a.isBlank()).toList()
                        : s.architectures(),
                    origin != null ? origin : s.origin(),
                    label != null ? label : s.label(),
                    description != null ? description : s.description(),
                    key,
                    versions != null ? versions.latest : s.latestOnly(),
                    splitDebug != null ? splitDebug : s.splitDebug()));
      }
      if (json.enabled()) {
        JsonOutput.print(out, PublishViews.settings(tag, s));
        return;
      }
      out.printf("Tag: %s%n", tag);
      out.printf("Suite: %s (codename %s)%n", s.suite(), s.codename());
      out.printf("Components: %s%n", String.join(" ", s.components()));
      out.printf(
          "Architectures: %s%n",
          s.architectures().isEmpty() ? "(the tag's)" : String.join(" ", s.architectures()));
      out.printf("Origin: %s%nLabel: %s%n", orNone(s.origin()), orNone(s.label()));
      out.printf("Signing key: %s%n", s.signingKey() == null ? "(unsigned)" : s.signingKey());
      out.printf("Versions: %s%n", s.latestOnly() ? "latest only" : "all");
      out.printf("Debug symbols: %s%n", s.splitDebug() ? "COMPONENT/debug" : "in their component");
    }

    private static String orNone(String s) {
      return s == null ? "(none)" : s;
    }
  }

  /** A key file as an absolute path (publish may run elsewhere); a gpg key id as given. */
  static String keyFileOrId(String value) {
    Path p = Path.of(value);
    return Signer.isKeyId(value) && !Files.exists(p)
        ? value
        : p.toAbsolutePath().normalize().toString();
  }
}
