package org.debforge.core.repo;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.debforge.core.control.ChecksumField;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.FileChecksum;
import org.debforge.core.control.Paragraph;
import org.debforge.core.pgp.ClearsignedMessage;

/**
 * A {@code Release} file (or the signed text of an {@code InRelease}): what a suite holds and the
 * checksums of its indexes. Reading an InRelease here does not verify it; see {@code
 * org.debforge.core.pgp.Verifier}.
 */
public record Release(Paragraph paragraph) {
  /** RFC 2822 in UTC, as Debian's archive writes it: {@code Sat, 10 Jun 2023 08:53:11 UTC}. */
  public static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT);

  public static Release read(java.nio.file.Path file) {
    String text = IndexReader.text(file);
    if (ClearsignedMessage.isClearsigned(text)) {
      text = ClearsignedMessage.parse(text, file.toString()).text();
    }
    return parse(text, file.toString());
  }

  public static Release parse(String text, String source) {
    Release r = new Release(Deb822.parseOne(text, source));
    for (ChecksumField c : ChecksumField.values()) {
      r.files(c); // validate every hash line up front
    }
    return r;
  }

  public Optional<String> suite() {
    return paragraph.get("Suite");
  }

  public Optional<String> codename() {
    return paragraph.get("Codename");
  }

  public Optional<ZonedDateTime> date() {
    return time("Date");
  }

  public Optional<ZonedDateTime> validUntil() {
    return time("Valid-Until");
  }

  public List<String> architectures() {
    return words("Architectures");
  }

  public List<String> components() {
    return words("Components");
  }

  public boolean acquireByHash() {
    return paragraph.get("Acquire-By-Hash").map(v -> v.strip().equals("yes")).orElse(false);
  }

  /** The index files listed under {@code MD5Sum}, {@code SHA256}, ... (relative paths). */
  public List<FileChecksum> files(ChecksumField digest) {
    List<FileChecksum> files = digest.parse(paragraph, digest.releaseField());
    for (FileChecksum f : files) {
      if (f.name().startsWith("/") || Arrays.asList(f.name().split("/")).contains("..")) {
        throw new org.debforge.core.FormatException(
            org.debforge.core.ErrorKind.UNSAFE_INPUT,
            paragraph.source(),
            paragraph.field(digest.releaseField()).map(x -> x.line()).orElse(0),
            digest.releaseField(),
            "unsafe index path '" + f.name() + "'",
            "Release lists paths below the suite directory only",
            null);
      }
    }
    return files;
  }

  private List<String> words(String field) {
    return paragraph.get(field).map(v -> List.of(v.strip().split("\\s+"))).orElse(List.of());
  }

  private Optional<ZonedDateTime> time(String field) {
    return paragraph
        .get(field)
        .map(
            v -> {
              try {
                return ZonedDateTime.parse(
                    v.strip().replaceAll(" (UTC|GMT)$", " +0000"),
                    DateTimeFormatter.RFC_1123_DATE_TIME);
              } catch (DateTimeParseException e) {
                throw paragraph.error(
                    field,
                    "'" + v + "' is not an RFC 2822 date",
                    "write e.g. 'Sat, 10 Jun 2023 08:53:11 UTC'");
              }
            });
  }

  public static String formatDate(ZonedDateTime t) {
    return DATE.format(t.withZoneSameInstant(ZoneOffset.UTC));
  }
}
