package org.debforge.orchestrator;

import java.nio.file.Path;
import java.util.List;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.ImportResult;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.compose.Compose;
import org.debforge.orchestrator.compose.ComposeImport;
import org.debforge.orchestrator.compose.ComposeMetadata;
import org.debforge.orchestrator.compose.ComposeSummary;
import org.debforge.orchestrator.history.HistoryEvent;
import org.debforge.orchestrator.publish.PublishedRepository;
import org.debforge.orchestrator.tag.InheritanceLink;
import org.debforge.orchestrator.tag.Tag;
import org.debforge.orchestrator.tag.TagInfo;
import org.debforge.orchestrator.tag.TaggedBuild;
import org.debforge.orchestrator.tag.Tagging;
import org.debforge.orchestrator.tag.Target;

/**
 * What a client command can ask of deb-orchestrator, wherever the store is: the local {@link
 * Orchestrator}, or a server through {@link org.debforge.orchestrator.client.RemoteOrchestrator}.
 * {@code actor} is who a change is recorded as; a server ignores it and records the name of the API
 * token instead.
 */
public interface OrchestratorApi extends AutoCloseable {
  ImportResult importBuild(Path changesOrDir, Provenance provenance);

  Build build(String ref);

  /** Untags the build everywhere and marks it DELETED; returns it as it is now. */
  Build deleteBuild(String actor, String ref);

  Tag addTag(String actor, String name, List<String> arches);

  /** As {@link #editTag(String, String, List, Boolean, String)}, leaving the perm as it is. */
  default Tag editTag(String actor, String name, List<String> arches, Boolean locked) {
    return editTag(actor, name, arches, locked, null);
  }

  /**
   * Changes a tag; null leaves a setting as it is. {@code perm}: the permission tagging into or out
   * of the tag requires (Koji's tag perm), "" to require none.
   */
  Tag editTag(String actor, String name, List<String> arches, Boolean locked, String perm);

  void addInheritance(String actor, String tag, InheritanceLink link);

  Target addTarget(String actor, String name, String buildTag, String destTag);

  List<Target> targets();

  void addPackage(String actor, String tag, String pkg, String owner, boolean blocked);

  List<Tag> listTags();

  TagInfo tagInfo(String name);

  void tagBuild(String actor, String tag, String build);

  void untagBuild(String actor, String tag, String build);

  void moveBuild(String actor, String from, String to, String build);

  List<TaggedBuild> listTagged(String tag, Tagging.Query query);

  TaggedBuild latestBuild(String tag, String pkg);

  List<HistoryEvent> history(String tag, String build);

  /** Records a compose (its composeinfo and lock); the same content again is a no-op. */
  ComposeImport importCompose(String actor, ComposeMetadata metadata);

  Compose compose(String composeId);

  /** Every compose, newest import first. */
  List<ComposeSummary> listComposes();

  /**
   * Where tag {@code tag}'s published APT repository is, at {@code snapshot} (null: the live
   * suite), and the key its InRelease verifies with: what tumbi-assembler's {@code
   * orchestrator:TAG[@SNAPSHOT]} sources read.
   */
  PublishedRepository publishedRepository(String tag, String snapshot);

  @Override
  void close();
}
