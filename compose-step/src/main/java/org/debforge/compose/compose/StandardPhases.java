package org.debforge.compose.compose;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.gather.GatherRequest;
import org.debforge.compose.gather.GatherResult;
import org.debforge.compose.gather.Gatherer;
import org.debforge.compose.gather.Resolved;
import org.debforge.compose.json.JsonFile;
import org.debforge.compose.lock.Lock;
import org.debforge.compose.lock.LockJson;
import org.debforge.compose.lock.LockedPackage;
import org.debforge.compose.metadata.ComposeMetadata;
import org.debforge.compose.phase.Phase;
import org.debforge.compose.pkgset.PkgsetLoader;
import org.debforge.compose.repo.ComposeKey;
import org.debforge.compose.repo.ExactSetRepository;
import org.debforge.compose.repoclosure.RepoClosure;
import org.debforge.compose.rootfs.RootfsRequest;

/**
 * The phases of a compose, in Pungi's order: init, pkgset, gather, createrepo, rootfs, ostree,
 * image, test, oci (Pungi's ostree_container), repoclosure, metadata. Each is a small adapter over
 * its capability package.
 */
public final class StandardPhases {
  private StandardPhases() {}

  public static final Phase<ComposeContext> INIT = Phase.of("init", false, StandardPhases::init);
  public static final Phase<ComposeContext> PKGSET =
      Phase.of("pkgset", false, StandardPhases::pkgset);
  public static final Phase<ComposeContext> GATHER =
      Phase.of("gather", false, StandardPhases::gather);
  public static final Phase<ComposeContext> CREATEREPO =
      Phase.of("createrepo", false, StandardPhases::createrepo);
  public static final Phase<ComposeContext> REPOCLOSURE =
      Phase.of("repoclosure", false, StandardPhases::repoclosure);
  public static final Phase<ComposeContext> METADATA =
      Phase.of("metadata", false, StandardPhases::metadata);

  /** rootfs is failable when the blueprint's rootfs output says so. */
  public static final Phase<ComposeContext> ROOTFS =
      new Phase<>() {
        @Override
        public String name() {
          return "rootfs";
        }

        @Override
        public boolean failable(ComposeContext c) {
          return c.blueprint.output(OutputSpec.Type.ROOTFS).map(OutputSpec::failable).orElse(false);
        }

        @Override
        public void run(ComposeContext c, PrintWriter log) {
          rootfs(c, log);
        }
      };

  /** Commits each root when the blueprint has an ostree output; failable as that output says. */
  public static final Phase<ComposeContext> OSTREE = new OstreePhase();

  /** Deploys each commit into a bootable disk image (the image output), then boots it. */
  public static final Phase<ComposeContext> IMAGE = new ImagePhase();

  public static final Phase<ComposeContext> TEST = new TestPhase();

  /** The ostree commits as bootc images when the blueprint has an oci output. */
  public static final Phase<ComposeContext> OCI = new OciPhase();

  /** A live ISO per architecture when the blueprint has a live output. */
  public static final Phase<ComposeContext> LIVE = new LivePhase();

  public static List<Phase<ComposeContext>> all() {
    return List.of(
        INIT,
        PKGSET,
        GATHER,
        CREATEREPO,
        ROOTFS,
        OSTREE,
        IMAGE,
        TEST,
        OCI,
        LIVE,
        REPOCLOSURE,
        METADATA);
  }

  static void init(ComposeContext c, PrintWriter log) throws Exception {
    ComposeLayout l = c.layout;
    for (Path d : List.of(l.metadata(), l.compose(), l.work())) {
      Files.createDirectories(d);
    }
    JsonFile.writeText(l.composeIdFile(), c.header.id() + "\n");
    log.println("init: compose " + c.header.id() + " from " + c.blueprint.file());
    c.key = c.options.signingKey.orElseGet(() -> ComposeKey.forTarget(c.options.target));
    log.println("init: repository signing key " + c.key.signer().fingerprint());
  }

  static void pkgset(ComposeContext c, PrintWriter log) {
    c.sources = Sources.resolve(c.blueprint, c.options.tags, c.options.hostMirror);
    c.pkgset =
        new PkgsetLoader(c.options.fetcher, c.options.cache, c.options.clock)
            .load(c.sources, c.blueprint.architectures(), log);
  }

  static void gather(ComposeContext c, PrintWriter log) {
    List<LockedPackage> all = new ArrayList<>();
    for (String arch : c.blueprint.architectures()) {
      GatherResult g = Gatherer.gather(c.pkgset, request(c.blueprint, arch));
      c.gathered.put(arch, g);
      log.println(
          "gather: "
              + arch
              + ": "
              + g.requests().size()
              + " requests, "
              + g.packages().size()
              + " packages");
      g.packages().forEach(r -> all.add(r.pkg()));
    }
    c.lock = new Lock(c.header.id(), all, c.sources.stream().map(s -> s.lock()).toList());
    LockJson.write(c.layout.metadata().resolve("lock.json"), c.lock);
    ComposeMetadata.write(
        c.layout.metadata().resolve("packages.json"),
        ComposeMetadata.packages(
            c.header,
            List.copyOf(c.gathered.values()),
            r -> ComposeMetadata.VARIANT + "/repo/" + ExactSetRepository.poolPath(r)));
  }

  /**
   * The gather request of a blueprint for one architecture; with a live output, also what
   * live-build installs (the repository must hold it).
   */
  public static GatherRequest request(Blueprint bp, String arch) {
    return new GatherRequest(
        arch,
        LivePhase.withLivePackages(bp, arch, bp.packages(arch)),
        bp.exclude(arch),
        bp.required(),
        bp.recommends());
  }

  static void createrepo(ComposeContext c, PrintWriter log) {
    Optional<OldComposes.Match> old =
        c.options.oldComposes.flatMap(dir -> OldComposes.find(dir, c.lock));
    old.ifPresent(
        m -> {
          log.println("createrepo: " + m.composeId() + " has an identical lock: linking its pool");
          c.notes.put("createrepo", "pool reused from " + m.composeId());
          c.extra.put("reused_from", m.composeId());
        });
    List<Resolved> all = new ArrayList<>();
    c.gathered.values().forEach(g -> all.addAll(g.packages()));
    c.repo =
        new ExactSetRepository(c.options.fetcher, c.options.cache)
            .build(
                c.layout.repo(),
                all,
                new ExactSetRepository.Settings(
                    c.header.id(),
                    c.blueprint.suite(),
                    c.blueprint.architectures(),
                    c.options.clock.instant().atZone(ZoneOffset.UTC),
                    old.map(m -> m.layout().repo())),
                c.key,
                log);
  }

  static void rootfs(ComposeContext c, PrintWriter log) {
    if (!c.rootfsWanted()) {
      log.println("rootfs: not asked for (no rootfs output, or --no-rootfs)");
      c.notes.put("rootfs", "not asked for");
      return;
    }
    for (String arch : c.blueprint.architectures()) {
      Path archLog = c.layout.logs().resolve("rootfs." + arch + ".log");
      log.println("rootfs: " + arch + ": building (log " + archLog + ")");
      List<LockedPackage> pkgs =
          c.gathered.get(arch).packages().stream().map(Resolved::pkg).toList();
      Path root =
          c.options.rootfs.build(
              new RootfsRequest(
                  c.repo.root(),
                  c.blueprint.suite(),
                  arch,
                  c.repo.keyring(),
                  pkgs,
                  c.blueprint.files(),
                  c.blueprint.users(),
                  c.blueprint.postprocess(),
                  c.layout.rootfs(arch),
                  archLog));
      c.roots.put(arch, root);
      c.images.add(RootfsImage.make(c.layout, arch, root, log));
    }
  }

  static void repoclosure(ComposeContext c, PrintWriter log) {
    for (String arch : c.blueprint.architectures()) {
      Path packages =
          c.layout
              .repo()
              .resolve("dists")
              .resolve(c.blueprint.suite())
              .resolve(ExactSetRepository.COMPONENT)
              .resolve("binary-" + arch)
              .resolve("Packages");
      RepoClosure.check(packages, arch, log);
    }
  }

  static void metadata(ComposeContext c, PrintWriter log) {
    ComposeMetadata.write(
        c.layout.metadata().resolve("images.json"), ComposeMetadata.images(c.header, c.images));
    log.println("metadata: images.json lists " + c.images.size() + " images");
  }
}
