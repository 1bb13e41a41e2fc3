package org.debforge.compose.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.gather.GatherResult;
import org.debforge.compose.lock.Lock;
import org.debforge.compose.metadata.ComposeHeader;
import org.debforge.compose.metadata.Image;
import org.debforge.compose.pkgset.PackageSet;
import org.debforge.compose.pkgset.PackageSource;
import org.debforge.compose.repo.ComposeKey;
import org.debforge.compose.repo.ExactSetRepository;

/**
 * What the phases of one compose share: the inputs, and each phase's output for the next. Phases
 * run one after another on one thread, so plain fields suffice.
 */
public final class ComposeContext {
  public final Blueprint blueprint;
  public final ComposeOptions options;
  public final ComposeLayout layout;
  public final ComposeHeader header;

  ComposeKey key;
  List<PackageSource> sources;
  PackageSet pkgset;
  final Map<String, GatherResult> gathered = new LinkedHashMap<>();
  Lock lock;
  ExactSetRepository.Published repo;
  final Map<String, Path> roots = new LinkedHashMap<>();
  final List<Image> images = new ArrayList<>();
  final Map<String, List<org.debforge.compose.image.DiskImage>> disks = new LinkedHashMap<>();

  /** Per phase: a note for composeinfo (e.g. what was reused). */
  final Map<String, String> notes = new LinkedHashMap<>();

  /** More keys for composeinfo's {@code debforge} object. */
  final Map<String, Object> extra = new LinkedHashMap<>();

  ComposeContext(
      Blueprint blueprint, ComposeOptions options, ComposeLayout layout, ComposeHeader header) {
    this.blueprint = blueprint;
    this.options = options;
    this.layout = layout;
    this.header = header;
  }

  public Lock lock() {
    return lock;
  }

  public Map<String, GatherResult> gathered() {
    return gathered;
  }

  /**
   * Whether the rootfs phase makes roots: unless switched off, when the blueprint lists no outputs
   * or any output other than the repository and the live ISO (the other deliverables are made from
   * the root; live-build makes its own from the repository).
   */
  boolean rootfsWanted() {
    return !options.skipRootfs
        && (blueprint.outputs().isEmpty()
            || blueprint.outputs().stream()
                .anyMatch(
                    o ->
                        o.type() != org.debforge.compose.blueprint.OutputSpec.Type.REPO
                            && o.type() != org.debforge.compose.blueprint.OutputSpec.Type.LIVE));
  }
}
