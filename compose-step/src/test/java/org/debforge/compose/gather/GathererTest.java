package org.debforge.compose.gather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.debforge.compose.lock.LockSource;
import org.debforge.compose.pkgset.ContentCache;
import org.debforge.compose.pkgset.Fetcher;
import org.debforge.compose.pkgset.PackageSet;
import org.debforge.compose.pkgset.PackageSource;
import org.debforge.compose.pkgset.PkgsetLoader;
import org.debforge.compose.source.AptRepository;
import org.debforge.compose.testing.TestArchive;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GathererTest {
  @TempDir static Path tmp;
  static PackageSet set;

  @BeforeAll
  static void load() {
    TestArchive a = TestArchive.standard(tmp.resolve("archive")).publish();
    AptRepository repo = new AptRepository(a.root.toUri(), "testing", List.of("main"), a.keyring);
    set =
        new PkgsetLoader(new Fetcher(), new ContentCache(tmp.resolve("cache")))
            .load(
                List.of(
                    new PackageSource(
                        "test",
                        repo,
                        new LockSource(
                            "test", "mirror", "u", "testing", List.of("main"), null, null))),
                List.of("amd64"),
                new PrintWriter(new StringWriter()));
  }

  static List<String> names(GatherResult g) {
    return g.packages().stream().map(r -> r.pkg().name()).toList();
  }

  @Test
  void theRequiredSetComesWithTheRequests() {
    GatherResult g =
        Gatherer.gather(set, new GatherRequest("amd64", List.of("hello"), List.of(), true, false));
    assertThat(names(g)).containsExactly("base-files", "exim", "hello", "libfoo1");
    assertThat(g.requests())
        .extracting(GatherResult.Request::reason)
        .containsExactly("Essential: yes", "blueprint");
    assertThat(g.packages()).allSatisfy(r -> assertThat(r.pkg().source()).isEqualTo("test"));
  }

  @Test
  void withoutTheRequiredSetOnlyTheRequestsAndTheirDependencies() {
    GatherResult g =
        Gatherer.gather(
            set, new GatherRequest("amd64", List.of("libfoo1"), List.of(), false, false));
    assertThat(names(g)).containsExactly("libfoo1");
  }

  @Test
  void anExcludedDependencyMakesTheRequestUnsatisfiableAndExplained() {
    assertThatThrownBy(
            () ->
                Gatherer.gather(
                    set,
                    new GatherRequest("amd64", List.of("hello"), List.of("exim"), false, false)))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.DEPENDENCY_RESOLUTION);
              assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("exim"));
            })
        .hasMessageContaining("mail-transport-agent");
  }

  @Test
  void aMissingDependencyIsExplainedAsATree() {
    assertThatThrownBy(
            () ->
                Gatherer.gather(
                    set,
                    new GatherRequest("amd64", List.of("needs-missing"), List.of(), false, false)))
        .isInstanceOfSatisfying(
            DebforgeException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.DEPENDENCY_RESOLUTION))
        .hasMessageContaining("not-there")
        .hasMessageContaining("└─");
  }

  @Test
  void aMalformedRequestIsAConfigError() {
    assertThatThrownBy(
            () ->
                Gatherer.gather(
                    set,
                    new GatherRequest("amd64", List.of("Hello World"), List.of(), false, false)))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG))
        .hasMessageContaining("Hello World");
  }

  @Test
  void aFilenameOutsideTheRepositoryIsRefused() {
    for (String bad :
        List.of("../../etc/passwd", "/etc/passwd", "pool/../../x.deb", "http://e/x.deb")) {
      org.debforge.core.control.Paragraph p =
          org.debforge.core.control.Paragraph.of("Package", "x", "Version", "1", "Filename", bad);
      assertThatThrownBy(() -> Gatherer.safeFilename(p))
          .isInstanceOfSatisfying(
              DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT))
          .hasMessageContaining("Filename");
    }
    assertThat(
            Gatherer.safeFilename(
                org.debforge.core.control.Paragraph.of("Filename", "pool/main/h/hello/h.deb")))
        .isEqualTo("pool/main/h/hello/h.deb");
  }

  @Test
  void whyFollowsTheChainFromTheRequest() {
    GatherResult g =
        Gatherer.gather(set, new GatherRequest("amd64", List.of("tool"), List.of(), true, false));
    List<WhyChain.Step> chain = WhyChain.why(g, "exim", false);
    assertThat(chain).extracting(WhyChain.Step::name).containsExactly("tool", "hello", "exim");
    assertThat(chain.get(0).via()).isEqualTo("requested (blueprint)");
    assertThat(chain.get(2).via()).contains("Depends: postfix | mail-transport-agent");
    assertThat(WhyChain.render(chain))
        .contains("hello Depends: postfix | mail-transport-agent -> exim");
    assertThat(WhyChain.why(g, "base-files", false))
        .singleElement()
        .satisfies(s -> assertThat(s.via()).isEqualTo("requested (Essential: yes)"));
    assertThatThrownBy(() -> WhyChain.why(g, "unrelated", false))
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }
}
