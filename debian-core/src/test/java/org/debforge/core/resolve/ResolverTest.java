package org.debforge.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResolverTest {
  @Test
  void dependencyChainAndInstalledDependencyIsKept() {
    Resolution r =
        new Universe()
            .pkg("a 1 Depends: b (>= 1), c")
            .pkg("b 1 Depends: libc6")
            .pkg("c 2")
            .pkg("libc6 2.36")
            .installed("libc6 2.36")
            .resolve("a");
    assertThat(Universe.show(r)).isEqualTo("a 1 amd64\nb 1 amd64\nc 2 amd64");
  }

  @Test
  void firstInstallableAlternativeWins() {
    Resolution r =
        new Universe()
            .pkg("a 1 Depends: missing | old (>= 2) | good | other")
            .pkg("old 1")
            .pkg("good 1")
            .pkg("other 1")
            .resolve("a");
    assertThat(Universe.show(r)).isEqualTo("a 1 amd64\ngood 1 amd64");
  }

  @Test
  void anInstalledAlternativeSatisfiesWithoutInstalling() {
    Resolution r =
        new Universe()
            .pkg("a 1 Depends: first | second")
            .pkg("first 1")
            .pkg("second 1")
            .installed("second 1")
            .resolve("a");
    assertThat(Universe.show(r)).isEqualTo("a 1 amd64");
  }

  @Test
  void alternativeWhoseOwnDependenciesFailIsSkipped() {
    Resolution r =
        new Universe()
            .pkg("a 1 Depends: broken | fine")
            .pkg("broken 1 Depends: nowhere")
            .pkg("fine 1")
            .resolve("a");
    assertThat(Universe.show(r)).isEqualTo("a 1 amd64\nfine 1 amd64");
  }

  @Test
  void virtualPackageWithOneProvider() {
    Resolution r =
        new Universe()
            .pkg("a 1 Depends: mail-transport-agent")
            .pkg("postfix 3 Provides: mail-transport-agent")
            .resolve("a");
    assertThat(Universe.show(r)).isEqualTo("a 1 amd64\npostfix 3 amd64");
    // apt-get install of a pure virtual name with one provider selects that provider
    assertThat(
            Universe.show(
                new Universe()
                    .pkg("postfix 3 Provides: mail-transport-agent")
                    .resolve("mail-transport-agent")))
        .isEqualTo("postfix 3 amd64");
  }

  @Test
  void providersOrderedAsApt() {
    // Essential before not, then higher Priority, then the package mentioned last.
    Universe u =
        new Universe()
            .pkg("a 1 Depends: awk")
            .pkg("gawk 1 Provides: awk; Priority: optional")
            .pkg("mawk 1 Provides: awk; Priority: required")
            .pkg("original-awk 1 Provides: awk; Priority: optional");
    assertThat(Universe.show(u.resolve("a"))).isEqualTo("a 1 amd64\nmawk 1 amd64");
    Universe tie =
        new Universe()
            .pkg("a 1 Depends: awk")
            .pkg("gawk 1 Provides: awk; Priority: optional")
            .pkg("original-awk 1 Provides: awk; Priority: optional");
    assertThat(Universe.show(tie.resolve("a"))).isEqualTo("a 1 amd64\noriginal-awk 1 amd64");
    Universe essential =
        new Universe()
            .pkg("a 1 Depends: awk")
            .pkg("gawk 1 Provides: awk; Priority: optional; Essential: yes")
            .pkg("mawk 1 Provides: awk; Priority: required");
    assertThat(Universe.show(essential.resolve("a"))).isEqualTo("a 1 amd64\ngawk 1 amd64");
  }

  @Test
  void severalProvidersOfARequestedVirtualNameIsAnError() {
    Resolution r =
        new Universe()
            .pkg("postfix 3 Provides: mail-transport-agent")
            .pkg("exim4 4 Provides: mail-transport-agent")
            .resolve("mail-transport-agent");
    assertThat(r.satisfiable()).isFalse();
    assertThat(Universe.show(r))
        .isEqualTo(
            """
            cannot install mail-transport-agent
            └─ request mail-transport-agent
               └─ mail-transport-agent has no installation candidate: mail-transport-agent: \
            virtual; provided by postfix 3 (unversioned), exim4 4 (unversioned)
            """);
  }

  @Test
  void versionedProvides() {
    Universe u =
        new Universe()
            .pkg("a 1 Depends: api (>= 2)")
            .pkg("unversioned 1 Provides: api")
            .pkg("old 1 Provides: api (= 1)")
            .pkg("new 1 Provides: api (= 2)");
    assertThat(Universe.show(u.resolve("a"))).isEqualTo("a 1 amd64\nnew 1 amd64");
    Resolution none =
        new Universe()
            .pkg("a 1 Depends: api (>= 2)")
            .pkg("unversioned 1 Provides: api")
            .resolve("a");
    assertThat(none.satisfiable()).isFalse();
  }

  @Test
  void conflictingAlternativeIsAvoided() {
    Resolution r =
        new Universe().pkg("a 1 Depends: x | y").pkg("x 1 Conflicts: a").pkg("y 1").resolve("a");
    assertThat(Universe.show(r)).isEqualTo("a 1 amd64\ny 1 amd64");
  }

  @Test
  void breaksOnAnInstalledPackageUpgradesIt() {
    Resolution r =
        new Universe().pkg("a 1 Breaks: b (<< 2)").pkg("b 2").installed("b 1").resolve("a");
    assertThat(Universe.show(r)).isEqualTo("a 1 amd64\nb 2 amd64");
  }

  @Test
  void conflictWithAnInstalledPackageRemovesIt() {
    Resolution r =
        new Universe()
            .pkg("systemd-sysv 252 Conflicts: sysvinit-core")
            .pkg("sysvinit-core 3")
            .installed("sysvinit-core 3")
            .resolve("systemd-sysv");
    assertThat(Universe.show(r)).isEqualTo("systemd-sysv 252 amd64\n-sysvinit-core");
  }

  @Test
  void preDependsActLikeDepends() {
    Resolution r =
        new Universe().pkg("a 1 Pre-Depends: b; Depends: c").pkg("b 1").pkg("c 1").resolve("a");
    assertThat(Universe.show(r)).isEqualTo("a 1 amd64\nb 1 amd64\nc 1 amd64");
  }

  @Test
  void earlierSourceWinsOverHigherVersion() {
    Universe u = new Universe().pkg("a 1 Depends: b").pkg("b 1").nextSource().pkg("b 9");
    assertThat(Universe.show(u.resolve("a"))).isEqualTo("a 1 amd64\nb 1 amd64");
    assertThat(Universe.show(u.resolve("b=9"))).isEqualTo("b 9 amd64");
  }

  @Test
  void installedNewerVersionIsNotDowngraded() {
    Universe u = new Universe().pkg("a 1 Depends: b").pkg("b 1").installed("b 2");
    assertThat(Universe.show(u.resolve("a"))).isEqualTo("a 1 amd64");
  }

  @Test
  void recommendsOnlyWhenAsked() {
    Universe u = new Universe().pkg("a 1 Recommends: r, gone").pkg("r 1");
    assertThat(Universe.show(u.resolve("a"))).isEqualTo("a 1 amd64");
    Resolution with = new Resolver(u.build(), Resolver.Options.WITH_RECOMMENDS).resolve("a");
    assertThat(Universe.show(with)).isEqualTo("a 1 amd64\nr 1 amd64");
  }

  @Test
  void multiArchForeignSatisfiesOtherArchitectures() {
    Universe u =
        new Universe()
            .foreign("i386")
            .pkg("tool32 1 Architecture: i386; Depends: make, libfoo")
            .pkg("make 4 Multi-Arch: foreign")
            .pkg("libfoo 1 Multi-Arch: same")
            .pkg("libfoo 1 Architecture: i386; Multi-Arch: same");
    assertThat(Universe.show(u.resolve("tool32:i386")))
        .isEqualTo("libfoo 1 i386\nmake 4 amd64\ntool32 1 i386");
  }

  @Test
  void multiArchNoDoesNotCrossArchitectures() {
    Universe u =
        new Universe()
            .foreign("i386")
            .pkg("tool32 1 Architecture: i386; Depends: make")
            .pkg("make 4");
    Resolution r = u.resolve("tool32:i386");
    assertThat(r.satisfiable()).isFalse();
    assertThat(Universe.show(r)).contains("make:i386: no package of that name exists");
  }

  @Test
  void anyQualifierNeedsMultiArchAllowed() {
    Universe u =
        new Universe()
            .foreign("i386")
            .pkg("script 1 Architecture: i386; Depends: perl:any, python3:any")
            .pkg("perl 5 Multi-Arch: allowed")
            .pkg("python3 3");
    Resolution r = u.resolve("script:i386");
    assertThat(r.satisfiable()).isFalse();
    assertThat(Universe.show(r)).contains("python3:any");
    Universe ok =
        new Universe()
            .foreign("i386")
            .pkg("script 1 Architecture: i386; Depends: perl:any")
            .pkg("perl 5 Multi-Arch: allowed");
    assertThat(Universe.show(ok.resolve("script:i386"))).isEqualTo("perl 5 amd64\nscript 1 i386");
  }

  @Test
  void multiArchSameSiblingsStayInVersionSync() {
    // apt's implicit "Breaks: libbar:other (!= version)": the out-of-sync sibling goes.
    Universe u =
        new Universe()
            .foreign("i386")
            .pkg("libbar 1 Multi-Arch: same")
            .pkg("libbar 2 Architecture: i386; Multi-Arch: same")
            .installed("libbar 1 Multi-Arch: same");
    assertThat(Universe.show(u.resolve("libbar:i386"))).isEqualTo("libbar 2 i386\n-libbar");
  }

  @Test
  void architectureAllIsNative() {
    Universe u = new Universe().pkg("doc 1 Architecture: all; Depends: lib").pkg("lib 1");
    assertThat(Universe.show(u.resolve("doc"))).isEqualTo("doc 1 amd64\nlib 1 amd64");
  }

  /**
   * apt marks a single-solution chain below a requested package before checking it (protection
   * propagation), so libz stays marked and broken, as apt leaves it for its problem resolver.
   */
  @Test
  void unsatisfiableExplainsTheChain() {
    Resolution r =
        new Universe()
            .pkg("app 1 Depends: libx (>= 2) | liby")
            .pkg("libx 1")
            .pkg("liby 1 Depends: libz")
            .pkg("libz 1 Depends: libc6 (>= 3)")
            .pkg("libc6 2")
            .resolve("app");
    assertThat(r.satisfiable()).isFalse();
    assertThat(Universe.show(r))
        .isEqualTo(
            """
            cannot install app
            ├─ request app
            │  └─ install app 1
            │     └─ Depends: libx (>= 2) | liby
            │        └─ install liby 1
            │           └─ Depends: libz
            │              └─ install libz 1
            │                 └─ Depends: libc6 (>= 3) — no candidate can satisfy it
            │                    └─ libc6: candidate 2 does not satisfy libc6 (>= 3)
            └─ left broken (apt would now need its problem resolver):
               └─ libz 1 Depends: libc6 (>= 3) is not met
            """);
  }

  @Test
  void candidateRuledOutByABreaksIsTracedBackToIt() {
    Resolution r =
        new Universe()
            .pkg("a 1 Depends: t, p")
            .pkg("t 1 Breaks: w (<= 1)")
            .pkg("p 1 Depends: w")
            .pkg("w 1")
            .resolve("a");
    assertThat(r.satisfiable()).isFalse();
    assertThat(Universe.show(r))
        .contains(
            """
            │           └─ Depends: w — no candidate can satisfy it
            │              └─ w: its candidate 1 was ruled out earlier
            │                 └─ ruled out earlier because:
            │                    └─ t 1 (to be installed) Breaks: w (<= 1)
            """);
  }

  @Test
  void unknownPackageIsExplained() {
    Resolution r = new Universe().pkg("a 1").resolve("nosuch");
    assertThat(Universe.show(r))
        .isEqualTo(
            """
            cannot install nosuch
            └─ request nosuch
               └─ unable to locate package nosuch
            """);
  }

  @Test
  void requestedPackageAlreadyInstalledIsNoAction() {
    Resolution r = new Universe().pkg("a 1").installed("a 1").resolve("a");
    assertThat(r.satisfiable()).isTrue();
    assertThat(r.install()).isEmpty();
  }
}
