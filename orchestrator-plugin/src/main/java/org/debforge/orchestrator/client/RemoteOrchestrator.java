package org.debforge.orchestrator.client;

import static org.debforge.orchestrator.client.ApiConnection.seg;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Changes;
import org.debforge.core.control.ListedFile;
import org.debforge.orchestrator.OrchestratorApi;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.ImportResult;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.compose.Compose;
import org.debforge.orchestrator.compose.ComposeImport;
import org.debforge.orchestrator.compose.ComposeMetadata;
import org.debforge.orchestrator.compose.ComposeSummary;
import org.debforge.orchestrator.history.HistoryEvent;
import org.debforge.orchestrator.json.ComposeViews;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.publish.PublishedRepository;
import org.debforge.orchestrator.tag.InheritanceLink;
import org.debforge.orchestrator.tag.Tag;
import org.debforge.orchestrator.tag.TagInfo;
import org.debforge.orchestrator.tag.TaggedBuild;
import org.debforge.orchestrator.tag.Tagging;
import org.debforge.orchestrator.tag.Target;

/**
 * The client side of the REST API: the same operations as the local engine, over HTTP. A problem
 * answer becomes the {@link DebforgeException} of the same kind, so a command fails with the same
 * exit code and message whether the store is local or behind a server.
 */
public final class RemoteOrchestrator implements OrchestratorApi {
  final ApiConnection api;

  /**
   * @param server the server's base URL, e.g. http://127.0.0.1:8080
   * @param token an API token, or null for anonymous reads
   */
  private final URI server;

  public RemoteOrchestrator(URI server, String token) {
    this.api = new ApiConnection(server, token);
    this.server = server;
  }

  /** Uploads of more than this many bytes in all go resumable ({@link #importResumable}). */
  public static final long RESUMABLE_ABOVE = 64L << 20;

  /** The chunk size of resumable uploads when not given: what servers accept by default. */
  public static final long DEFAULT_CHUNK = 8L << 20;

  /**
   * Imports a build: one multipart request, or for uploads over {@link #RESUMABLE_ABOVE} bytes a
   * resumable upload that survives broken connections.
   */
  @Override
  public ImportResult importBuild(Path input, Provenance provenance) {
    List<Path> files = uploadFiles(input);
    long total = 0;
    for (Path f : files) {
      try {
        total += Files.size(f);
      } catch (IOException e) {
        throw new DebforgeException(ErrorKind.IO, f + ": " + e.getMessage(), null, e);
      }
    }
    if (total > RESUMABLE_ABOVE) {
      return importResumable(input, provenance, DEFAULT_CHUNK);
    }
    return importMultipart(files, provenance);
  }

  /**
   * Imports a build through a resumable upload in chunks of {@code chunkSize} bytes: after a broken
   * connection each file goes on from the offset the server has.
   */
  public ImportResult importResumable(Path input, Provenance provenance, long chunkSize) {
    List<Path> files = uploadFiles(input);
    ResumableClient c = new ResumableClient(this, chunkSize);
    return c.finish(c.declare(files, provenance), files);
  }

  /**
   * Goes on with resumable upload {@code id} of {@code input} (declared earlier, e.g. by a client
   * that died): sends what the server lacks, then commits.
   */
  public ImportResult resumeImport(String id, Path input, long chunkSize) {
    return new ResumableClient(this, chunkSize).finish(id, uploadFiles(input));
  }

  private ImportResult importMultipart(List<Path> files, Provenance provenance) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (provenance.jenkinsUrl() != null) {
      fields.put("jenkins_url", provenance.jenkinsUrl());
    }
    if (provenance.jenkinsJob() != null) {
      fields.put("jenkins_job", provenance.jenkinsJob());
    }
    if (provenance.jenkinsNumber() != null) {
      fields.put("jenkins_number", String.valueOf(provenance.jenkinsNumber()));
    }
    String boundary = "debforge-" + UUID.randomUUID();
    HttpRequest.Builder rb =
        api.request("/builds")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(multipart(boundary, fields, files));
    return JsonViews.toImportResult(api.send(rb));
  }

  /** The .changes, the files it lists, and a deb-mock result's result.json and logs. */
  static List<Path> uploadFiles(Path input) {
    Path changesFile = input;
    if (Files.isDirectory(input)) {
      try (Stream<Path> s = Files.list(input)) {
        List<Path> found = s.filter(p -> p.toString().endsWith(".changes")).sorted().toList();
        if (found.size() != 1) {
          throw new DebforgeException(
              ErrorKind.INVALID_INPUT,
              input + ": expected one .changes file, found " + found.size(),
              "give the .changes file to import");
        }
        changesFile = found.get(0);
      } catch (IOException e) {
        throw new DebforgeException(ErrorKind.IO, input + ": " + e.getMessage(), null, e);
      }
    } else if (!Files.isRegularFile(input)) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          input + ": no such file or directory",
          "give a deb-mock result directory or a .changes file");
    }
    Path dir = changesFile.toAbsolutePath().getParent();
    Set<Path> files = new LinkedHashSet<>();
    files.add(changesFile);
    Changes changes = Changes.read(changesFile);
    for (ListedFile f : changes.files()) {
      // Names are checked by the server; a missing file is reported by its verification.
      Path p = dir.resolve(f.name()).normalize();
      requireNotSymlink(p);
      if (p.getParent().equals(dir) && Files.isRegularFile(p)) {
        files.add(p);
      }
    }
    Path result = dir.resolve("result.json");
    if (Files.isRegularFile(result)) {
      files.add(result);
      try {
        JsonNode json = JsonViews.MAPPER.readTree(result.toFile());
        for (JsonNode log : json.path("logs")) {
          Path p = dir.resolve(log.asText()).normalize();
          if (p.getParent().equals(dir) && Files.isRegularFile(p)) {
            files.add(p);
          }
        }
        // The source package deb-mock keeps beside a binary-only .changes (issue 13 part 2).
        for (JsonNode a : json.path("artifacts")) {
          String kind = a.path("kind").asText();
          if (kind.equals("dsc") || kind.equals("source")) {
            Path p = dir.resolve(a.path("name").asText()).normalize();
            requireNotSymlink(p);
            if (p.getParent().equals(dir) && Files.isRegularFile(p)) {
              files.add(p);
            }
          }
        }
      } catch (IOException e) {
        // the server rejects a damaged result.json with a clear message
      }
    }
    return new ArrayList<>(files);
  }

  /** Listed files are sent as they are: a symbolic link is refused, never followed. */
  private static void requireNotSymlink(Path p) {
    if (Files.isSymbolicLink(p)) {
      throw new DebforgeException(
          ErrorKind.UNSAFE_INPUT,
          p + ": listed in the upload but not a regular file (a symbolic link)",
          "put the files themselves next to the .changes, not links to them");
    }
  }

  private static BodyPublisher multipart(
      String boundary, Map<String, String> fields, List<Path> files) {
    List<BodyPublisher> parts = new ArrayList<>();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      parts.add(
          text(
              "--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + f.getKey()
                  + "\"\r\n\r\n"
                  + f.getValue()
                  + "\r\n"));
    }
    for (Path p : files) {
      parts.add(
          text(
              "--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + p.getFileName().toString().replace("\"", "%22")
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
      try {
        parts.add(BodyPublishers.ofFile(p));
      } catch (IOException e) {
        throw new DebforgeException(ErrorKind.IO, p + ": " + e.getMessage(), null, e);
      }
      parts.add(text("\r\n"));
    }
    parts.add(text("--" + boundary + "--\r\n"));
    return BodyPublishers.concat(parts.toArray(BodyPublisher[]::new));
  }

  private static BodyPublisher text(String s) {
    return BodyPublishers.ofString(s, StandardCharsets.UTF_8);
  }

  @Override
  public Build build(String ref) {
    return JsonViews.toBuild(api.get("/builds/" + seg(ref)));
  }

  @Override
  public Build deleteBuild(String actor, String ref) {
    return JsonViews.toBuild(api.send(api.request("/builds/" + seg(ref)).DELETE()));
  }

  @Override
  public Tag addTag(String actor, String name, List<String> arches) {
    return JsonViews.toTag(api.post("/tags", Map.of("name", name, "arches", arches)));
  }

  @Override
  public Tag editTag(String actor, String name, List<String> arches, Boolean locked, String perm) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (perm != null) {
      body.put("perm", perm.isEmpty() ? null : perm);
    }
    if (arches != null) {
      body.put("arches", arches);
    }
    if (locked != null) {
      body.put("locked", locked);
    }
    return JsonViews.toTag(api.patch("/tags/" + seg(name), body));
  }

  @Override
  public void addInheritance(String actor, String tag, InheritanceLink link) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("parent", link.parent());
    body.put("priority", link.priority());
    body.put("maxdepth", link.maxdepth());
    body.put("intransitive", link.intransitive());
    body.put("noconfig", link.noconfig());
    body.put("pkg_filter", link.packageFilter());
    api.post("/tags/" + seg(tag) + "/inheritance", body);
  }

  @Override
  public Target addTarget(String actor, String name, String buildTag, String destTag) {
    return JsonViews.toTarget(
        api.post("/targets", Map.of("name", name, "build_tag", buildTag, "dest_tag", destTag)));
  }

  @Override
  public List<Target> targets() {
    return JsonViews.list(api.get("/targets"), Target.class);
  }

  @Override
  public void addPackage(String actor, String tag, String pkg, String owner, boolean blocked) {
    api.post(
        "/tags/" + seg(tag) + "/packages",
        Map.of("package", pkg, "owner", owner, "blocked", blocked));
  }

  @Override
  public List<Tag> listTags() {
    List<Tag> out = new ArrayList<>();
    api.get("/tags").forEach(n -> out.add(JsonViews.toTag(n)));
    return out;
  }

  @Override
  public TagInfo tagInfo(String name) {
    return JsonViews.toTagInfo(api.get("/tags/" + seg(name)));
  }

  @Override
  public void tagBuild(String actor, String tag, String build) {
    api.post("/tags/" + seg(tag) + "/builds", Map.of("build", build));
  }

  @Override
  public void untagBuild(String actor, String tag, String build) {
    api.send(api.request("/tags/" + seg(tag) + "/builds/" + seg(build)).DELETE());
  }

  @Override
  public void moveBuild(String actor, String from, String to, String build) {
    api.post("/builds/" + seg(build) + "/move", Map.of("from", from, "to", to));
  }

  @Override
  public List<TaggedBuild> listTagged(String tag, Tagging.Query q) {
    StringBuilder query = new StringBuilder();
    query.append("?inherit=").append(q.inherit()).append("&latest=").append(q.latest());
    if (q.arch() != null) {
      query.append("&arch=").append(seg(q.arch()));
    }
    if (q.pkg() != null) {
      query.append("&package=").append(seg(q.pkg()));
    }
    List<TaggedBuild> out = new ArrayList<>();
    api.get("/tags/" + seg(tag) + "/builds" + query).forEach(n -> out.add(JsonViews.toTagged(n)));
    return out;
  }

  @Override
  public TaggedBuild latestBuild(String tag, String pkg) {
    return JsonViews.toTagged(api.get("/tags/" + seg(tag) + "/latest/" + seg(pkg)));
  }

  @Override
  public List<HistoryEvent> history(String tag, String build) {
    String query =
        (tag == null ? "" : "&tag=" + seg(tag)) + (build == null ? "" : "&build=" + seg(build));
    List<HistoryEvent> out = new ArrayList<>();
    api.get("/history" + (query.isEmpty() ? "" : "?" + query.substring(1)))
        .forEach(n -> out.add(JsonViews.toEvent(n)));
    return out;
  }

  @Override
  public ComposeImport importCompose(String actor, ComposeMetadata metadata) {
    JsonNode r = api.post("/composes", ComposeViews.importBody(metadata));
    return new ComposeImport(
        r.path("created").asBoolean(), ComposeViews.toCompose(r.get("compose")));
  }

  @Override
  public Compose compose(String composeId) {
    return ComposeViews.toCompose(api.get("/composes/" + seg(composeId)));
  }

  @Override
  public List<ComposeSummary> listComposes() {
    List<ComposeSummary> out = new ArrayList<>();
    api.get("/composes").forEach(n -> out.add(ComposeViews.toSummary(n)));
    return out;
  }

  @Override
  public PublishedRepository publishedRepository(String tag, String snapshot) {
    String query = snapshot == null ? "" : "?snapshot=" + seg(snapshot);
    return ComposeViews.toPublished(api.get("/tags/" + seg(tag) + "/published" + query), server);
  }

  @Override
  public void close() {
    // HttpClient of Java 17 has no close; its threads end with the JVM
  }
}
