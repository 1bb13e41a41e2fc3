package org.debforge.compose.compose;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.boottest.BootRequest;
import org.debforge.compose.boottest.BootResult;
import org.debforge.compose.boottest.JUnitReport;
import org.debforge.compose.boottest.QemuBoot;
import org.debforge.compose.image.DiskImage;
import org.debforge.compose.image.ImageOptions;
import org.debforge.compose.metadata.ComposeMetadata;
import org.debforge.compose.phase.Phase;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Pungi's test phase for the image output: boots each architecture's disk image in QEMU (TCG, OVMF,
 * serial console) and waits for the blueprint's marker ({@code test-marker} of the image output).
 * Results in metadata/test.json and, for Jenkins' junit step, logs/test-results.xml; a boot that
 * does not reach the marker fails the phase, so the compose is DOOMED (no latest link) unless the
 * image output is failable.
 */
final class TestPhase implements Phase<ComposeContext> {
  /** The JUnit XML, relative to the compose folder (the Jenkins step publishes it). */
  static final String JUNIT = "logs/test-results.xml";

  @Override
  public String name() {
    return "test";
  }

  @Override
  public boolean failable(ComposeContext c) {
    return c.blueprint.output(OutputSpec.Type.IMAGE).map(OutputSpec::failable).orElse(false);
  }

  /** Only an image output with a {@code test-marker} is booted. */
  @Override
  public boolean applies(ComposeContext c) {
    return c.blueprint
        .output(OutputSpec.Type.IMAGE)
        .filter(o -> o.options().containsKey("test-marker"))
        .isPresent();
  }

  @Override
  public void run(ComposeContext c, PrintWriter log) {
    OutputSpec out = c.blueprint.output(OutputSpec.Type.IMAGE).orElseThrow();
    ImageOptions opts = ImageOptions.parse(out.options()).options().orElseThrow();
    String marker = opts.testMarker().orElseThrow();
    Map<String, Map<String, Object>> byArch = new LinkedHashMap<>();
    List<JUnitReport.Case> cases = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String arch : c.blueprint.architectures()) {
      List<DiskImage> disks = c.disks.getOrDefault(arch, List.of());
      if (disks.isEmpty()) {
        throw new DebforgeException(
            ErrorKind.COMPOSE_FAILED,
            "test: " + arch + ": the image phase made no disk image to boot",
            "see " + c.layout.logs().resolve("image.log"));
      }
      // qcow2 when made: the same disk, and QEMU's own format.
      DiskImage disk =
          disks.stream()
              .filter(d -> d.format() == ImageOptions.Format.QCOW2)
              .findFirst()
              .orElse(disks.get(0));
      Path serial = c.layout.logs().resolve("test." + arch + ".serial.log");
      log.println(
          "test: "
              + arch
              + ": booting "
              + disk.file().getFileName()
              + " (QEMU TCG, OVMF), waiting up to "
              + opts.testTimeout().toSeconds()
              + " s for '"
              + marker
              + "' (serial console "
              + serial
              + ")");
      BootResult r =
          new QemuBoot()
              .boot(
                  new BootRequest(
                      disk.file(),
                      disk.format().key(),
                      marker,
                      opts.testTimeout(),
                      serial,
                      c.layout.work().resolve("test"),
                      c.layout.logs().resolve("test." + arch + ".log")));
      log.println(
          "test: "
              + arch
              + ": "
              + (r.passed() ? "reached the marker" : r.failure().orElse("failed"))
              + " after "
              + r.seconds()
              + " s");
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("arch", arch);
      m.put("image", c.layout.compose().relativize(disk.file()).toString());
      m.put("passed", r.passed());
      m.put("seconds", r.seconds());
      m.put("marker", marker);
      m.put("serial_log", c.layout.topdir().relativize(serial).toString());
      m.put("failure", r.failure().orElse(null));
      byArch.put(arch, m);
      cases.add(
          new JUnitReport.Case("boot " + arch, "tumbi-assembler.test." + c.blueprint.name(), r));
      if (!r.passed()) {
        failed.add(arch + ": " + r.failure().orElse("failed"));
      }
    }
    c.extra.put("test", List.copyOf(byArch.values()));
    ComposeMetadata.write(
        c.layout.metadata().resolve("test.json"), ComposeMetadata.test(c.header, byArch));
    JUnitReport.write(c.layout.topdir().resolve(JUNIT), c.header.id(), cases);
    if (!failed.isEmpty()) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "test: the image did not boot to its marker: " + String.join("; ", failed),
          "see the serial console in " + c.layout.logs() + " (test.ARCH.serial.log)");
    }
  }
}
