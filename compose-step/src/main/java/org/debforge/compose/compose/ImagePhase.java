package org.debforge.compose.compose;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.image.DiskImage;
import org.debforge.compose.image.DiskImageBuilder;
import org.debforge.compose.image.DiskImageRequest;
import org.debforge.compose.image.ImageOptions;
import org.debforge.compose.metadata.ComposeMetadata;
import org.debforge.compose.metadata.Image;
import org.debforge.compose.phase.Phase;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * The {@code image} output: each architecture's ostree commit deployed and written as a bootable
 * GPT disk (UEFI, GRUB, ext4 root), raw and/or qcow2 (docs/compose-image.md). Runs after the ostree
 * phase, from its commits; failable as the output says.
 */
final class ImagePhase implements Phase<ComposeContext> {
  /** The stateroot of the deployment ({@code /ostree/deploy/debian}). */
  static final String OS_NAME = "debian";

  @Override
  public String name() {
    return "image";
  }

  @Override
  public boolean failable(ComposeContext c) {
    return c.blueprint.output(OutputSpec.Type.IMAGE).map(OutputSpec::failable).orElse(false);
  }

  @Override
  public boolean applies(ComposeContext c) {
    return c.blueprint.output(OutputSpec.Type.IMAGE).isPresent();
  }

  /** What is wrong with an image output, seen before any work (empty when nothing). */
  static Optional<String> problem(Blueprint bp, OutputSpec out) {
    List<String> problems = new ArrayList<>(ImageOptions.parse(out.options()).problems());
    if (bp.output(OutputSpec.Type.OSTREE).isEmpty()) {
      problems.add(
          "the image deploys the ostree output's commit: add an ostree output (outputs: [repo,"
              + " ostree, image])");
    }
    List<String> others = bp.architectures().stream().filter(a -> !a.equals("amd64")).toList();
    if (!others.isEmpty()) {
      problems.add(
          "architectures " + others + ": disk images are made for amd64 only (GRUB x86_64-efi)");
    }
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of("image output: " + String.join("; ", problems));
  }

  @Override
  public void run(ComposeContext c, PrintWriter log) {
    OutputSpec out = c.blueprint.output(OutputSpec.Type.IMAGE).orElseThrow();
    ImageOptions opts =
        ImageOptions.parse(out.options())
            .options()
            .orElseThrow(() -> new IllegalStateException("image options checked before work"));
    for (String arch : c.blueprint.architectures()) {
      Map<String, Object> commit = commit(c, arch);
      Path archLog = c.layout.logs().resolve("image." + arch + ".log");
      log.println(
          "image: "
              + arch
              + ": deploying "
              + commit.get("commit")
              + " ("
              + commit.get("ref")
              + ") into a disk image (log "
              + archLog
              + ")");
      List<DiskImage> made =
          new DiskImageBuilder()
              .build(
                  new DiskImageRequest(
                      Path.of((String) commit.get("repo")),
                      (String) commit.get("ref"),
                      (String) commit.get("commit"),
                      OS_NAME,
                      c.blueprint.kernelArgs(),
                      opts.size(),
                      opts.formats(),
                      c.layout.work().resolve("image"),
                      c.layout.images(arch),
                      c.header.id() + "-" + arch + "-disk",
                      archLog));
      c.disks.put(arch, made);
      for (DiskImage d : made) {
        log.println("image: " + arch + ": " + d.file() + " (" + d.size() + " bytes)");
        c.images.add(
            new Image(
                ComposeMetadata.VARIANT,
                arch,
                c.layout.compose().relativize(d.file()).toString(),
                d.size(),
                d.sha256(),
                d.format().key(),
                d.format().key(),
                d.file().toFile().lastModified() / 1000,
                true,
                null));
      }
    }
  }

  /** The ostree phase's record of an architecture's commit (composeinfo's debforge.ostree). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> commit(ComposeContext c, String arch) {
    Object recorded = c.extra.get("ostree");
    if (recorded instanceof List<?> list) {
      for (Object o : list) {
        Map<String, Object> m = (Map<String, Object>) o;
        if (arch.equals(m.get("arch")) && Boolean.TRUE.equals(m.get("bootable"))) {
          return m;
        }
      }
    }
    throw new DebforgeException(
        ErrorKind.COMPOSE_FAILED,
        "image: " + arch + ": the ostree phase made no bootable commit to deploy",
        "see " + c.layout.logs().resolve("ostree.log"));
  }
}
