package org.debforge.cli.repo;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.control.Paragraph;
import org.debforge.core.pgp.Signer;
import org.debforge.core.repo.IndexReader;
import org.debforge.core.repo.PoolScanner;
import org.debforge.core.repo.RepositoryWriter;
import org.debforge.core.repo.SuiteSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code debforge repo}: publish and read APT repositories. */
@Command(
    name = "repo",
    mixinStandardHelpOptions = true,
    description = "Publish a pool as a signed APT repository; list index contents.",
    subcommands = {RepoCommand.Scan.class, RepoCommand.Ls.class})
public final class RepoCommand {

  @Command(
      name = "scan",
      mixinStandardHelpOptions = true,
      description = {
        "Index the .deb, .udeb and .dsc files under POOL_DIR and write OUT/dists/SUITE:",
        "Packages, Sources (plain, .gz, .xz), by-hash copies, Release, and with --sign",
        "InRelease and Release.gpg. POOL_DIR must be inside OUT (Filename paths are",
        "relative to OUT). The suite directory is replaced atomically."
      })
  static final class Scan implements Callable<Integer> {
    @Parameters(paramLabel = "POOL_DIR")
    Path pool;

    @Option(names = "--out", required = true, description = "Repository root.")
    Path out;

    @Option(names = "--suite", defaultValue = "stable")
    String suite;

    @Option(names = "--codename", description = "Default: the suite.")
    String codename;

    @Option(names = "--component", defaultValue = "main")
    String component;

    @Option(names = "--origin")
    String origin;

    @Option(names = "--label")
    String label;

    @Option(names = "--description")
    String description;

    @Option(
        names = "--arch",
        split = ",",
        description = "Architectures (repeatable or comma-separated); default: those in the pool.")
    List<String> arch = new ArrayList<>();

    @Option(names = "--date", description = "Release Date, RFC 2822 (default: now).")
    String date;

    @Option(names = "--sha512", description = "Also list SHA512 checksums in Release.")
    boolean sha512;

    @Option(
        names = "--sign",
        paramLabel = "KEYFILE|KEYID",
        description =
            "Sign with this secret key file, or (when no such file exists) this key of your gpg:"
                + " fingerprint, key id (8, 16 or 40 hex digits, 0x allowed) or email; gpg signs"
                + " with --local-user, so keys in gpg-agent or on a smartcard work.")
    String sign;

    @Option(names = "--passphrase-file")
    Path passphraseFile;

    @Mixin JsonOutput json;

    @Spec CommandSpec spec;

    private ZonedDateTime parseDate() {
      try {
        return ZonedDateTime.parse(
            date.strip().replaceAll(" (UTC|GMT)$", " +0000"), DateTimeFormatter.RFC_1123_DATE_TIME);
      } catch (java.time.format.DateTimeParseException e) {
        throw new org.debforge.core.DebforgeException(
            org.debforge.core.ErrorKind.INVALID_INPUT,
            "--date: '" + date + "' is not an RFC 2822 date",
            "write e.g. 'Tue, 02 Jan 2024 03:04:05 UTC'");
      }
    }

    @Override
    public Integer call() {
      Signer key =
          sign == null
              ? null
              : Signer.open(sign, org.debforge.cli.pgp.PgpCommand.passphrase(passphraseFile));
      PoolScanner.Pool scanned = PoolScanner.scan(out, pool);
      List<String> archs = new ArrayList<>(arch);
      if (archs.isEmpty()) {
        TreeSet<String> found = new TreeSet<>();
        for (Paragraph p : scanned.debs()) {
          String a = p.get("Architecture").orElse("all").strip();
          if (!a.equals("all")) {
            found.add(a);
          }
        }
        archs.addAll(found);
      }
      ZonedDateTime when =
          date == null ? ZonedDateTime.now(ZoneOffset.UTC).withNano(0) : parseDate();
      SuiteSettings s =
          new SuiteSettings(
              origin,
              label,
              suite,
              codename == null ? suite : codename,
              description,
              component,
              archs,
              when,
              sha512);
      Path dir = RepositoryWriter.publish(out, s, scanned, key);
      var o = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("suite", dir.toString());
        m.put("packages", scanned.debs().size());
        m.put("udebs", scanned.udebs().size());
        m.put("sources", scanned.sources().size());
        m.put("architectures", archs);
        m.put("signedBy", key == null ? null : key.fingerprint());
        JsonOutput.print(o, m);
      } else {
        o.printf(
            "%s: %d packages, %d sources, architectures %s%s%n",
            dir,
            scanned.debs().size() + scanned.udebs().size(),
            scanned.sources().size(),
            String.join(" ", archs),
            key == null ? ", unsigned" : ", signed by " + key.fingerprint());
        o.flush();
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "ls",
      mixinStandardHelpOptions = true,
      description = "List package, version and architecture in a Packages or Sources file.")
  static final class Ls implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Packages or Sources, plain, .gz or .xz.")
    Path file;

    @Mixin JsonOutput json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      List<Map<String, String>> rows = new ArrayList<>();
      IndexReader.forEach(
          file,
          p -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("package", p.require("Package"));
            row.put("version", p.require("Version"));
            row.put("architecture", p.get("Architecture").orElse(""));
            rows.add(row);
          });
      var o = spec.commandLine().getOut();
      if (json.enabled()) {
        JsonOutput.print(o, rows);
      } else {
        for (Map<String, String> r : rows) {
          o.println(r.get("package") + " " + r.get("version") + " " + r.get("architecture"));
        }
        o.flush();
      }
      return ExitCodes.OK;
    }
  }
}
