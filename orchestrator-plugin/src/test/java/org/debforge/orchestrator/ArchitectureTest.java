package org.debforge.orchestrator;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps deb-orchestrator's packages in layers: hosts (server, api, web, client) over the engines
 * (tag, build, upload, publish, auth, ...) over the shared shapes, with no package cycle (issue
 * 12). The web UI's precompiled templates live under web and count as part of it.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.debforge.orchestrator");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("org.debforge.orchestrator.(*)..").should().beFreeOfCycles().check(MAIN);
  }
}
