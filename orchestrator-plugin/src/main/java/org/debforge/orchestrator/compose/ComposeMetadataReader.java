package org.debforge.orchestrator.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;
import org.debforge.core.version.DebianVersion;

/**
 * Reads a compose's {@code metadata/composeinfo.json} and {@code metadata/lock.json} into {@link
 * ComposeMetadata}, trusting nothing: both files are size-limited, every field is checked for its
 * syntax (Debian names and versions, hex digests, ids), and an error names the file and the field.
 * Paths in the JSON (the blueprint, a package's filename) are recorded as text, never opened.
 */
public final class ComposeMetadataReader {
  public static final String COMPOSEINFO = "metadata/composeinfo.json";
  public static final String LOCK = "metadata/lock.json";

  /** composeinfo.json holds a few fields and the phases: 1 MiB is far more than it needs. */
  public static final int MAX_COMPOSEINFO_BYTES = 1 << 20;

  /** A lock of 200,000 packages is about 60 MiB. */
  public static final int MAX_LOCK_BYTES = 64 << 20;

  static final int MAX_PACKAGES = 200_000;
  static final int MAX_SOURCES = 100;
  static final int MAX_PHASES_CHARS = 100_000;

  private static final String NAME_RE = "[A-Za-z0-9][A-Za-z0-9._+-]{0,199}";
  private static final String PACKAGE_RE = "[a-z0-9][a-z0-9+.-]{1,199}";
  private static final String ARCH_RE = "[a-z0-9][a-z0-9-]{0,49}";
  private static final String COMPONENT_RE = "[a-z0-9][a-z0-9-]{0,49}";
  private static final String SUITE_RE = "[A-Za-z0-9][A-Za-z0-9._+/-]{0,199}";
  private static final Set<String> TYPES = Set.of("production", "nightly", "test", "ci");
  private static final Set<String> STATUSES =
      Set.of("STARTED", "FINISHED", "FINISHED_INCOMPLETE", "DOOMED", "TERMINATED");
  private static final Set<String> LOCK_KEYS =
      Set.of("schema", "compose_id", "packages", "sources");
  private static final Set<String> PACKAGE_KEYS =
      Set.of("name", "version", "arch", "sha256", "size", "source", "filename");
  private static final Set<String> SOURCE_KEYS =
      Set.of("name", "kind", "uri", "suite", "components", "tag", "snapshot");

  private static final ObjectMapper MAPPER = mapper();

  private ComposeMetadataReader() {}

  private static ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper();
    // Deep nesting is a way to exhaust the stack; the metadata is at most 5 levels deep.
    m.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(20).maxStringLength(100_000).build());
    return m;
  }

  /** Reads the two files below {@code composeDir}, refusing symlinks, devices and oversize. */
  public static ComposeMetadata read(Path composeDir) {
    byte[] info = readFile(composeDir, COMPOSEINFO, MAX_COMPOSEINFO_BYTES);
    byte[] lock = readFile(composeDir, LOCK, MAX_LOCK_BYTES);
    return parse(info, lock);
  }

  /** The raw bytes of one metadata file, for a client that sends them to a server. */
  public static byte[] readFile(Path composeDir, String name, int max) {
    Path dir = composeDir.resolve("metadata");
    Path file = composeDir.resolve(name);
    if (Files.isSymbolicLink(dir)
        || Files.isSymbolicLink(file)
        || (Files.exists(file) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))) {
      throw new DebforgeException(
          ErrorKind.UNSAFE_INPUT,
          file + ": not a regular file",
          "compose metadata is read from regular files only, never through a symlink");
    }
    try (FileChannel ch =
            FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        InputStream in = Channels.newInputStream(ch)) {
      byte[] data = in.readNBytes(max + 1);
      if (data.length > max) {
        throw tooLarge(name, max);
      }
      return data;
    } catch (NoSuchFileException e) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          file + ": no such file",
          "give the directory of a finished compose (it holds " + name + ")");
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
  }

  static DebforgeException tooLarge(String name, int max) {
    return new DebforgeException(
        ErrorKind.UNSAFE_INPUT,
        name + ": larger than " + max + " bytes",
        "this is not compose metadata tumbi-assembler writes");
  }

  /** Parses and checks both files' contents; {@code composeinfo} names the compose. */
  public static ComposeMetadata parse(byte[] composeinfo, byte[] lock) {
    if (composeinfo.length > MAX_COMPOSEINFO_BYTES) {
      throw tooLarge(COMPOSEINFO, MAX_COMPOSEINFO_BYTES);
    }
    if (lock.length > MAX_LOCK_BYTES) {
      throw tooLarge(LOCK, MAX_LOCK_BYTES);
    }
    return parse(tree(COMPOSEINFO, composeinfo), tree(LOCK, lock));
  }

  /** Parses already read JSON trees (the REST API's body carries both). */
  public static ComposeMetadata parse(JsonNode info, JsonNode lock) {
    Fields ci = new Fields(COMPOSEINFO);
    ci.object(info, "");
    JsonNode header = ci.object(info.get("header"), "header");
    String headerType = ci.text(header, "header.type", "type", 50);
    String headerVersion = ci.text(header, "header.version", "version", 20);
    if (!headerType.equals("productmd.composeinfo") || !headerVersion.matches("1\\.[0-9]+")) {
      throw ci.unsupported(
          "header",
          "'" + headerType + "' version '" + headerVersion + "' is not productmd composeinfo 1.x",
          "tumbi-assembler writes productmd.composeinfo 1.2");
    }
    JsonNode payload = ci.object(info.get("payload"), "payload");
    JsonNode compose = ci.object(payload.get("compose"), "payload.compose");
    String id =
        ci.matching(compose, "payload.compose.id", "id", NAME_RE, "e.g. Debforge-12-20260603.0");
    String date =
        ci.matching(compose, "payload.compose.date", "date", "[0-9]{8}", "YYYYMMDD, e.g. 20260603");
    int respin = ci.integer(compose, "payload.compose.respin", "respin", 0, 1_000_000);
    String type = ci.text(compose, "payload.compose.type", "type", 20);
    if (!TYPES.contains(type)) {
      throw ci.invalid("payload.compose.type", "'" + type + "'", "one of " + sorted(TYPES));
    }
    JsonNode release = ci.object(payload.get("release"), "payload.release");
    String name = ci.line(release, "payload.release.name", "name", 200);
    String version =
        ci.matching(
            release,
            "payload.release.version",
            "version",
            "[A-Za-z0-9][A-Za-z0-9.+~_-]{0,199}",
            "e.g. 12");
    String shortName =
        ci.matching(release, "payload.release.short", "short", NAME_RE, "e.g. Debforge");
    // Our key beside productmd's; tolerated inside payload too, where productmd keeps its own.
    JsonNode ours =
        ci.object(
            info.has("debforge") ? info.get("debforge") : payload.get("debforge"), "debforge");
    String status = ci.text(ours, "debforge.status", "status", 32);
    if (!STATUSES.contains(status)) {
      throw ci.invalid("debforge.status", "'" + status + "'", "one of " + sorted(STATUSES));
    }
    String blueprint =
        ours.hasNonNull("blueprint")
            ? ci.line(ours, "debforge.blueprint", "blueprint", 1000)
            : null;
    JsonNode phases = ours.get("phases");
    if (phases == null || !phases.isArray()) {
      throw ci.invalid("debforge.phases", "missing or not an array", "a list of phase records");
    }
    String phasesJson = compact(phases);
    if (phasesJson.length() > MAX_PHASES_CHARS) {
      throw ci.invalid("debforge.phases", "longer than " + MAX_PHASES_CHARS + " characters", null);
    }

    Fields lf = new Fields(LOCK);
    lf.object(lock, "");
    lock.fieldNames()
        .forEachRemaining(
            k -> {
              if (!LOCK_KEYS.contains(k)) {
                throw lf.invalid(k, "unknown key", "schema 1 has " + sorted(LOCK_KEYS));
              }
            });
    JsonNode schema = lock.get("schema");
    if (schema == null || !schema.isInt() || schema.asInt() != 1) {
      throw lf.unsupported(
          "schema", "'" + schema + "' is not a schema this version reads", "schema 1");
    }
    String lockId = lf.text(lock, "compose_id", "compose_id", 200);
    if (!lockId.equals(id)) {
      throw lf.invalid(
          "compose_id",
          "'" + lockId + "' is not the compose id '" + id + "' of " + COMPOSEINFO,
          "the two files must come from one compose");
    }
    List<LockSource> sources = sources(lf, lock.get("sources"));
    Set<String> sourceNames = new HashSet<>();
    sources.forEach(s -> sourceNames.add(s.name()));
    List<LockPackage> packages = packages(lf, lock.get("packages"), sourceNames);

    ComposeMetadata unsigned =
        new ComposeMetadata(
            id,
            name,
            shortName,
            version,
            date,
            respin,
            type,
            status,
            blueprint,
            phasesJson,
            packages,
            sources,
            "");
    return new ComposeMetadata(
        id,
        name,
        shortName,
        version,
        date,
        respin,
        type,
        status,
        blueprint,
        phasesJson,
        packages,
        sources,
        digest(unsigned));
  }

  private static List<LockSource> sources(Fields f, JsonNode node) {
    ArrayNode array = f.array(node, "sources", MAX_SOURCES);
    List<LockSource> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "sources[" + i + "]";
      JsonNode s = f.object(array.get(i), at);
      f.onlyKeys(s, at, SOURCE_KEYS);
      String name = f.matching(s, at + ".name", "name", NAME_RE, "letters, digits and . _ + -");
      if (!names.add(name)) {
        throw f.invalid(at + ".name", "'" + name + "' is listed twice", "source names are unique");
      }
      String kind = f.text(s, at + ".kind", "kind", 20);
      String uri = f.matching(s, at + ".uri", "uri", "[^\\s\\p{Cntrl}]{1,2000}", "one URI");
      String suite = f.matching(s, at + ".suite", "suite", SUITE_RE, "e.g. bookworm");
      ArrayNode comps = f.array(s.get("components"), at + ".components", 50);
      List<String> components = new ArrayList<>();
      for (int c = 0; c < comps.size(); c++) {
        JsonNode cn = comps.get(c);
        if (!cn.isTextual() || !cn.asText().matches(COMPONENT_RE)) {
          throw f.invalid(at + ".components[" + c + "]", "'" + cn + "'", "e.g. main");
        }
        components.add(cn.asText());
      }
      String tag = null;
      String snapshot = null;
      if (kind.equals(LockSource.ORCHESTRATOR)) {
        tag = f.matching(s, at + ".tag", "tag", NAME_RE, "the tag the source read");
        if (s.hasNonNull("snapshot")) {
          snapshot =
              f.matching(
                  s, at + ".snapshot", "snapshot", "[A-Za-z0-9][A-Za-z0-9.+_-]{0,99}", "an id");
        }
      } else if (kind.equals(LockSource.MIRROR)) {
        if (s.hasNonNull("tag") || s.hasNonNull("snapshot")) {
          throw f.invalid(at, "a mirror source has no tag or snapshot", "kind orchestrator has");
        }
      } else {
        throw f.invalid(at + ".kind", "'" + kind + "'", "mirror or orchestrator");
      }
      out.add(new LockSource(name, kind, uri, suite, components, tag, snapshot));
    }
    return out;
  }

  private static List<LockPackage> packages(Fields f, JsonNode node, Set<String> sources) {
    ArrayNode array = f.array(node, "packages", MAX_PACKAGES);
    List<LockPackage> out = new ArrayList<>(array.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "packages[" + i + "]";
      JsonNode p = f.object(array.get(i), at);
      f.onlyKeys(p, at, PACKAGE_KEYS);
      String name = f.matching(p, at + ".name", "name", PACKAGE_RE, "a Debian package name");
      String version = f.text(p, at + ".version", "version", 200);
      try {
        DebianVersion.parse(version);
      } catch (FormatException e) {
        throw f.invalid(at + ".version", "'" + version + "': " + e.getMessage(), "e.g. 1.2-3");
      }
      String arch = f.matching(p, at + ".arch", "arch", ARCH_RE, "e.g. amd64 or all");
      String sha256 =
          f.matching(p, at + ".sha256", "sha256", "[0-9a-f]{64}", "64 lower-case hex digits");
      JsonNode size = p.get("size");
      if (size == null
          || !size.canConvertToExactIntegral()
          || size.asLong() < 0
          || size.asLong() > (1L << 42)) {
        throw f.invalid(at + ".size", "'" + size + "'", "the .deb's size in bytes");
      }
      String source = f.text(p, at + ".source", "source", 200);
      if (!sources.contains(source)) {
        throw f.invalid(at + ".source", "'" + source + "' is none of the lock's sources", null);
      }
      String filename =
          f.matching(p, at + ".filename", "filename", "[^\\p{Cntrl}\\\\]{1,1000}", "pool/...");
      if (filename.startsWith("/") || List.of(filename.split("/")).contains("..")) {
        throw f.invalid(at + ".filename", "'" + filename + "'", "a path relative to the source");
      }
      if (!seen.add(name + ":" + arch)) {
        throw f.invalid(at, name + ":" + arch + " is listed twice", "a lock lists each once");
      }
      out.add(new LockPackage(name, version, arch, sha256, size.asLong(), source, filename));
    }
    return out;
  }

  private static String digest(ComposeMetadata m) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(MAPPER.writeValueAsBytes(m));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String compact(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode tree(String file, byte[] data) {
    try {
      JsonNode n = MAPPER.readTree(new String(data, StandardCharsets.UTF_8));
      if (n == null) {
        throw new IOException("empty");
      }
      return n;
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          file + ": not JSON: " + firstLine(e.getMessage()),
          "tumbi-assembler writes it; was the compose finished?");
    }
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
  }

  private static String sorted(Set<String> s) {
    return String.join(", ", s.stream().sorted().toList());
  }

  /** Field access that names the file and the field in every error. */
  private record Fields(String file) {
    JsonNode object(JsonNode n, String field) {
      if (n == null || !n.isObject()) {
        throw invalid(field.isEmpty() ? "(top)" : field, "missing or not an object", null);
      }
      return n;
    }

    ArrayNode array(JsonNode n, String field, int max) {
      if (n == null || !n.isArray()) {
        throw invalid(field, "missing or not an array", null);
      }
      if (n.size() > max) {
        throw new DebforgeException(
            ErrorKind.UNSAFE_INPUT,
            file + ": " + field + ": more than " + max + " entries",
            "this is not a lock tumbi-assembler writes");
      }
      return (ArrayNode) n;
    }

    void onlyKeys(JsonNode n, String at, Set<String> keys) {
      ((ObjectNode) n)
          .fieldNames()
          .forEachRemaining(
              k -> {
                if (!keys.contains(k)) {
                  throw invalid(at + "." + k, "unknown key", "schema 1 has " + sorted(keys));
                }
              });
    }

    String text(JsonNode parent, String field, String key, int max) {
      JsonNode n = parent.get(key);
      if (n == null || !n.isTextual() || n.asText().isEmpty()) {
        throw invalid(field, "missing or not a string", null);
      }
      if (n.asText().length() > max) {
        throw invalid(field, "longer than " + max + " characters", null);
      }
      return n.asText();
    }

    String line(JsonNode parent, String field, String key, int max) {
      String s = text(parent, field, key, max);
      if (s.chars().anyMatch(Character::isISOControl)) {
        throw invalid(field, "holds control characters", "one line of text");
      }
      return s;
    }

    String matching(JsonNode parent, String field, String key, String regex, String hint) {
      String s = text(parent, field, key, 2000);
      if (!s.matches(regex)) {
        throw invalid(field, "'" + s + "' is not valid", hint);
      }
      return s;
    }

    int integer(JsonNode parent, String field, String key, int min, int max) {
      JsonNode n = parent.get(key);
      if (n == null || !n.isInt() || n.asInt() < min || n.asInt() > max) {
        throw invalid(field, "'" + n + "' is not a number from " + min + " to " + max, null);
      }
      return n.asInt();
    }

    DebforgeException invalid(String field, String detail, String hint) {
      return new DebforgeException(
          ErrorKind.INVALID_INPUT, file + ": " + field + ": " + detail, hint);
    }

    DebforgeException unsupported(String field, String detail, String hint) {
      return new DebforgeException(
          ErrorKind.INVALID_INPUT, file + ": " + field + ": " + detail, hint);
    }
  }
}
