package org.debforge.compose.compose;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.json.JsonFile;
import org.debforge.compose.lock.Lock;
import org.debforge.compose.metadata.ComposeHeader;
import org.debforge.compose.metadata.ComposeMetadata;
import org.debforge.compose.phase.ComposeStatus;
import org.debforge.compose.phase.Phase;
import org.debforge.compose.phase.PhaseRecord;
import org.debforge.compose.phase.PhaseRunner;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * tumbi-assembler's compose: makes the compose folder, writes {@code STATUS}, runs the phases and
 * ends the compose: {@code STATUS} FINISHED (or FINISHED_INCOMPLETE, or DOOMED with the reason in
 * composeinfo.json), and on success {@code latest-NAME} pointed at it. A compose killed half-way
 * stays STARTED, never becomes latest, and a rerun makes a new compose (the next respin).
 */
public final class Composer {
  private final ComposeOptions options;
  private final List<Phase<ComposeContext>> phases;

  public Composer(ComposeOptions options) {
    this(options, StandardPhases.all());
  }

  /** With another phase list (tests replace single phases). */
  public Composer(ComposeOptions options, List<Phase<ComposeContext>> phases) {
    this.options = options;
    this.phases = List.copyOf(phases);
  }

  /** How a compose ended. */
  public record Result(
      ComposeLayout layout,
      ComposeStatus status,
      String reason,
      List<PhaseRecord> phases,
      Lock lock) {
    public boolean succeeded() {
      return status == ComposeStatus.FINISHED || status == ComposeStatus.FINISHED_INCOMPLETE;
    }
  }

  /** One output's check of its own options, and the page that explains them. */
  private record OutputCheck(
      OutputSpec.Type type,
      BiFunction<Blueprint, OutputSpec, Optional<String>> problem,
      String doc) {}

  private static final List<OutputCheck> OUTPUT_CHECKS =
      List.of(
          new OutputCheck(
              OutputSpec.Type.OSTREE,
              OstreePhase::problem,
              "see docs/compose.md, the ostree output"),
          new OutputCheck(
              OutputSpec.Type.IMAGE,
              ImagePhase::problem,
              "see docs/compose-image.md, the image output's options"),
          new OutputCheck(OutputSpec.Type.OCI, OciPhase::problem, "see docs/compose-oci.md"),
          new OutputCheck(
              OutputSpec.Type.LIVE,
              (bp, out) -> LivePhase.problem(bp),
              "see docs/compose-live.md"));

  /**
   * A bad output (an unknown option, an image without the ostree output it is made from) would
   * otherwise fail hours into a compose, or not at all: say so before anything is made.
   */
  static void refuseBadOutputs(Blueprint bp) {
    for (OutputCheck check : OUTPUT_CHECKS) {
      bp.output(check.type())
          .flatMap(o -> check.problem().apply(bp, o))
          .ifPresent(
              p -> {
                throw new DebforgeException(
                    ErrorKind.CONFIG, bp.file() + ": outputs: " + p, check.doc());
              });
    }
  }

  public Result compose(Blueprint bp) {
    refuseBadOutputs(bp);
    LocalDate date = LocalDate.ofInstant(options.clock.instant(), ZoneOffset.UTC);
    ComposeIdScheme.Id id;
    Path top;
    try {
      Files.createDirectories(options.target);
      while (true) {
        id = options.ids.next(bp, options.target, date);
        top = options.target.resolve(id.id());
        try {
          Files.createDirectory(top); // atomic: two composes never share a folder
          break;
        } catch (FileAlreadyExistsException e) {
          // another compose took this respin a moment ago; ask for the next
        }
      }
      Files.createDirectories(top.resolve("logs"));
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO,
          options.target + ": cannot create the compose folder: " + e.getMessage(),
          null,
          e);
    }
    ComposeLayout layout = new ComposeLayout(top, id.id());
    writeStatus(layout, ComposeStatus.STARTED);
    ComposeHeader header = new ComposeHeader(id.id(), date, id.respin(), options.composeType);
    ComposeContext ctx = new ComposeContext(bp, options, layout, header);
    PhaseRunner<ComposeContext> runner =
        new PhaseRunner<>(options.clock, layout.logs(), options.listener);
    List<Phase<ComposeContext>> applying = phases.stream().filter(p -> p.applies(ctx)).toList();
    PhaseRunner.Outcome out = runner.run(applying, ctx, ctx.notes::get);
    if (out.reason() != null) {
      ctx.extra.put("reason", out.reason());
    }
    ComposeMetadata.write(
        layout.metadata().resolve("composeinfo.json"), ComposeMetadata.composeinfo(info(ctx, out)));
    deleteTree(layout.work());
    writeStatus(layout, out.status());
    if (out.status() != ComposeStatus.DOOMED) {
      LatestLink.point(options.target, bp.name(), id.id());
    }
    return new Result(layout, out.status(), out.reason(), out.phases(), ctx.lock);
  }

  static ComposeMetadata.Info info(ComposeContext c, PhaseRunner.Outcome out) {
    String version = c.blueprint.versionScheme().expand(c.header.date(), c.header.respin());
    return new ComposeMetadata.Info(
        c.header,
        c.blueprint.name(),
        version,
        c.blueprint.name(),
        c.blueprint.architectures(),
        c.rootfsWanted(),
        c.blueprint.file().toString(),
        out.status().name(),
        out.phases(),
        c.extra);
  }

  /** STATUS holds the one word Pungi's tools read; the reason of a doom is in composeinfo.json. */
  static void writeStatus(ComposeLayout layout, ComposeStatus s) {
    JsonFile.writeText(layout.statusFile(), s.name() + "\n");
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // scratch space left behind is harmless
    }
  }
}
