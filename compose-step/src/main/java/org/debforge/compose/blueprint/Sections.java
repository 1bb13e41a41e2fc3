package org.debforge.compose.blueprint;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.debforge.compose.blueprint.Layer.SourceDraft;

/** Readers of the list items that are mappings: sources, files, scripts, users, outputs. */
final class Sections {
  static final Pattern KERNEL_ARG = Pattern.compile("[!-~]{1,1024}");
  private static final Pattern MODE = Pattern.compile("0?[0-7]{3,4}");
  private static final Pattern UID = Pattern.compile("[0-9]{1,5}");
  private static final Pattern ABSOLUTE = Pattern.compile("/[!-~]{0,4095}");

  private static final Set<String> SOURCE_KEYS =
      Set.of("name", "mirror", "suite", "components", "keyring", "orchestrator", "server");
  private static final Set<String> FILE_KEYS = Set.of("src", "dest", "mode");
  private static final Set<String> SCRIPT_KEYS = Set.of("inline");
  private static final Set<String> USER_KEYS =
      Set.of("name", "uid", "gecos", "home", "shell", "groups");
  private static final String ORCHESTRATOR = "orchestrator:";

  private final Consumer<Problem> problems;

  Sections(Consumer<Problem> problems) {
    this.problems = problems;
  }

  SourceDraft source(At at) {
    if (Nodes.isScalar(at)) {
      String text = Nodes.text(at);
      if (!text.startsWith(ORCHESTRATOR)) {
        throw at.reject(
            "'" + Nodes.printable(text) + "' is not a source",
            "a source is 'orchestrator:TAG', 'orchestrator:TAG@SNAPSHOT' or a mapping {suite:"
                + " ..., components: [...], keyring: ...} of a Debian archive");
      }
      return tagSource(at, text.substring(ORCHESTRATOR.length()), Map.of());
    }
    Map<String, At> keys = Nodes.mapping(at, "a source", SOURCE_KEYS, problems);
    if (keys.containsKey("orchestrator")) {
      for (String k : List.of("mirror", "suite", "components")) {
        if (keys.containsKey(k)) {
          throw keys.get(k)
              .reject(
                  "'" + k + "' does not go with 'orchestrator'",
                  "an orchestrator source takes name, server and keyring; a Debian archive takes"
                      + " name, mirror, suite, components and keyring");
        }
      }
      String ref = Nodes.text(keys.get("orchestrator"));
      return tagSource(
          keys.get("orchestrator"),
          ref.startsWith(ORCHESTRATOR) ? ref.substring(ORCHESTRATOR.length()) : ref,
          keys);
    }
    if (keys.containsKey("server")) {
      throw keys.get("server")
          .reject("'server' goes with 'orchestrator' only", "use 'mirror' for a Debian archive");
    }
    Optional<URI> mirror =
        Optional.ofNullable(keys.get("mirror"))
            .map(m -> uri(m, Set.of("http", "https", "file", "copy")));
    Optional<String> suite =
        Optional.ofNullable(keys.get("suite"))
            .map(s -> Nodes.text(s, Names.SUITE, Names.SUITE_HINT));
    Optional<List<String>> components =
        Optional.ofNullable(keys.get("components"))
            .map(
                c -> {
                  List<String> out = new ArrayList<>();
                  for (At i : Nodes.sequence(c)) {
                    out.add(Nodes.text(i, Names.COMPONENT, Names.COMPONENT_HINT));
                  }
                  if (out.isEmpty()) {
                    throw c.reject("must list at least one component", "e.g. [main]");
                  }
                  return out;
                });
    return new SourceDraft(
        name(keys),
        mirror,
        suite,
        components,
        Optional.ofNullable(keys.get("keyring")).map(Sections::existingFile),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private SourceDraft tagSource(At at, String ref, Map<String, At> keys) {
    int atSign = ref.indexOf('@');
    String tag = atSign < 0 ? ref : ref.substring(0, atSign);
    Optional<String> snapshot =
        atSign < 0 ? Optional.empty() : Optional.of(ref.substring(atSign + 1));
    if (!Names.TAG.matcher(tag).matches()) {
      throw at.reject(
          "bad tag name '" + Nodes.printable(tag) + "'",
          "write orchestrator:TAG or orchestrator:TAG@SNAPSHOT; a tag name has letters, digits"
              + " and . _ + - (e.g. trixie-candidate)");
    }
    if (snapshot.isPresent() && !Names.SNAPSHOT.matcher(snapshot.get()).matches()) {
      throw at.reject(
          "bad snapshot id '" + Nodes.printable(snapshot.get()) + "'",
          "a snapshot id has letters, digits and . + _ - (e.g. 2024-06-10 or compose-42)");
    }
    return new SourceDraft(
        name(keys),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.ofNullable(keys.get("keyring")).map(Sections::existingFile),
        Optional.of(tag),
        snapshot,
        Optional.ofNullable(keys.get("server")).map(s -> uri(s, Set.of("http", "https"))));
  }

  private static Optional<String> name(Map<String, At> keys) {
    return Optional.ofNullable(keys.get("name"))
        .map(
            n ->
                Nodes.text(
                    n, Names.SOURCE_NAME, "letters, digits and . : @ + _ - (shown in the lock)"));
  }

  private static URI uri(At at, Set<String> schemes) {
    String text = Nodes.text(at);
    String allowed = "a URL with scheme " + String.join(", ", schemes.stream().sorted().toList());
    URI u;
    try {
      u = new URI(text);
    } catch (URISyntaxException e) {
      throw at.reject("'" + Nodes.printable(text) + "' is not a URL: " + e.getReason(), allowed);
    }
    if (u.getScheme() == null || !schemes.contains(u.getScheme())) {
      throw at.reject("'" + Nodes.printable(text) + "': unsupported scheme", allowed);
    }
    if (u.getRawUserInfo() != null) {
      // A blueprint is shared and archived with the compose: credentials do not belong in it.
      throw at.reject(
          "a URL must not carry a user name or password",
          "put credentials in /etc/apt/auth.conf.d (apt reads them from there)");
    }
    if (u.getScheme().startsWith("http") && (u.getHost() == null || u.getHost().isEmpty())) {
      throw at.reject("'" + Nodes.printable(text) + "' names no host", allowed);
    }
    return u;
  }

  FileSpec file(At at) {
    Map<String, At> keys = Nodes.mapping(at, "a file", FILE_KEYS, problems);
    At src = require(at, keys, "src", "the file on this machine, relative to this blueprint");
    At dest = require(at, keys, "dest", "an absolute path in the root, e.g. /etc/motd");
    int mode = 0644;
    if (keys.containsKey("mode")) {
      String m = Nodes.text(keys.get("mode"), MODE, "octal permission bits, e.g. \"0644\"");
      mode = Integer.parseInt(m, 8);
    }
    return new FileSpec(existingFile(src), rootPath(dest), mode);
  }

  ScriptSpec script(At at) {
    if (Nodes.isScalar(at)) {
      Path file = existingFile(at);
      return new ScriptSpec(file.getFileName().toString(), Optional.of(file), Optional.empty());
    }
    Map<String, At> keys = Nodes.mapping(at, "a postprocess script", SCRIPT_KEYS, problems);
    At inline = require(at, keys, "inline", "the script's text, run by /bin/sh -e");
    // The name (inline-N) is given once every file's scripts are in their final order.
    return new ScriptSpec("inline", Optional.empty(), Optional.of(Nodes.text(inline)));
  }

  UserSpec user(At at) {
    Map<String, At> keys = Nodes.mapping(at, "a user", USER_KEYS, problems);
    String name =
        Nodes.text(require(at, keys, "name", Names.USER_HINT), Names.USER, Names.USER_HINT);
    Optional<Integer> uid = Optional.empty();
    if (keys.containsKey("uid")) {
      At u = keys.get("uid");
      int n = Integer.parseInt(Nodes.text(u, UID, "a number from 1 to 65533"));
      if (n < 1 || n > 65533) {
        throw u.reject(
            "uid " + n + " is not allowed",
            "1 to 65533 (0 is root, 65534 nobody, 65535 is invalid); leave it out to let"
                + " systemd-sysusers pick one");
      }
      uid = Optional.of(n);
    }
    String gecos = "";
    if (keys.containsKey("gecos")) {
      gecos =
          Nodes.text(
              keys.get("gecos"),
              Pattern.compile("[^\\p{Cntrl}:\"\\\\]{1,256}"),
              "up to 256 characters, no ':', '\"', '\\\\' or control characters");
    }
    String home = "/";
    if (keys.containsKey("home") && !Nodes.text(keys.get("home")).equals("/")) {
      home = rootPath(keys.get("home"));
    }
    String shell = keys.containsKey("shell") ? rootPath(keys.get("shell")) : "/usr/sbin/nologin";
    List<String> groups = new ArrayList<>();
    if (keys.containsKey("groups")) {
      for (At g : Nodes.sequence(keys.get("groups"))) {
        groups.add(Nodes.text(g, Names.USER, "a group name: " + Names.USER_HINT));
      }
    }
    return new UserSpec(name, uid, gecos, home, shell, groups);
  }

  OutputSpec output(At at) {
    if (Nodes.isScalar(at)) {
      return new OutputSpec(outputType(at), false, Map.of());
    }
    Map<String, At> keys = Nodes.mapping(at, "an output", null, problems);
    OutputSpec.Type type = outputType(require(at, keys, "type", typesHint()));
    boolean failable = keys.containsKey("failable") && Nodes.bool(keys.get("failable"));
    Map<String, String> options = new LinkedHashMap<>();
    keys.forEach(
        (k, v) -> {
          if (k.equals("type") || k.equals("failable")) {
            return;
          }
          if (!Names.OPTION.matcher(k).matches()) {
            throw v.reject(
                "bad option name '" + Nodes.printable(k) + "'",
                "lower case letters, digits and '-', e.g. ref");
          }
          String value = Nodes.text(v);
          if (type == OutputSpec.Type.IMAGE) {
            // Checked here for the option's line; options across options when the compose starts.
            org.debforge.compose.image.ImageOptions.problems(k, value).stream()
                .findFirst()
                .ifPresent(
                    p -> {
                      throw v.reject(p, "see docs/compose-image.md, the image output's options");
                    });
          }
          options.put(k, value);
        });
    return new OutputSpec(type, failable, options);
  }

  private static OutputSpec.Type outputType(At at) {
    String t = Nodes.text(at);
    for (OutputSpec.Type type : OutputSpec.Type.values()) {
      if (type.key().equals(t)) {
        return type;
      }
    }
    Set<String> keys =
        Arrays.stream(OutputSpec.Type.values())
            .map(OutputSpec.Type::key)
            .collect(Collectors.toSet());
    throw at.reject(
        "unknown output type '" + Nodes.printable(t) + "'",
        Nodes.unknownHint(t, keys).replace("allowed keys", "allowed types"));
  }

  private static String typesHint() {
    return "one of "
        + Arrays.stream(OutputSpec.Type.values())
            .map(OutputSpec.Type::key)
            .collect(Collectors.joining(", "));
  }

  private static At require(At parent, Map<String, At> keys, String key, String what) {
    At v = keys.get(key);
    if (v == null) {
      throw new At(parent.file(), parent.child(key, null).key(), parent.node())
          .reject("missing", what);
    }
    return v;
  }

  /** A path relative to the folder of the file that names it (or absolute), as written. */
  static Path relative(At at, String text) {
    try {
      if (text.indexOf('\0') >= 0) {
        throw new InvalidPathException(text, "NUL character");
      }
      return at.file().toAbsolutePath().getParent().resolve(text).normalize();
    } catch (InvalidPathException e) {
      throw at.reject("'" + Nodes.printable(text) + "' is not a path", null);
    }
  }

  /** A file that must exist as a regular file now (a keyring, a file to add, a script). */
  static Path existingFile(At at) {
    Path p = relative(at, Nodes.text(at));
    if (!Files.exists(p)) {
      throw at.reject(
          p + " does not exist",
          "relative paths are resolved against " + at.file().toAbsolutePath().getParent());
    }
    if (!Files.isRegularFile(p)) {
      throw at.reject(p + " is not a regular file", "name a file, not a directory or device");
    }
    return p;
  }

  /** An absolute, normal path inside the root: no '..', '.', '//' or trailing '/'. */
  static String rootPath(At at) {
    String p = Nodes.text(at);
    String allowed =
        "an absolute path in the root, without '..', '.', '//', spaces or a trailing"
            + " '/', e.g. /etc/motd";
    if (!ABSOLUTE.matcher(p).matches() || p.equals("/") || p.endsWith("/")) {
      throw at.reject("'" + Nodes.printable(p) + "' is not allowed", allowed);
    }
    for (String part : p.substring(1).split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw at.reject("'" + Nodes.printable(p) + "' is not allowed", allowed);
      }
    }
    return p;
  }
}
