package org.debforge.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md over the main code of every module: hosts (cli) -> engines
 * (deb-mock, deb-orchestrator) -> formats (debian-core), never back; no package cycles; no engine
 * package naming a plugin. Checked here, in the module that sees every other on its class path.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainCode() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ArchitectureTest::notATestJar)
            .importPackages("org.debforge");
  }

  /** Test jars (fixtures shared between modules) are not main code. */
  private static boolean notATestJar(Location location) {
    return !location.contains("-tests.jar") && !location.contains("/test-classes/");
  }

  @Test
  void mainCodeIsImported() {
    // A rule over an empty set passes: make sure every module's classes are really here.
    for (String p :
        new String[] {
          "org.debforge.core",
          "org.debforge.debmock",
          "org.debforge.orchestrator",
          "org.debforge.compose",
          "org.debforge.ostree",
          "org.debforge.cli"
        }) {
      org.assertj.core.api.Assertions.assertThat(
              main.stream().anyMatch(c -> c.getPackageName().startsWith(p)))
          .as(p)
          .isTrue();
    }
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.debforge.(**)").should().beFreeOfCycles().check(main);
  }

  @Test
  void engineImportsNoPlugin() {
    noClasses()
        .that()
        .resideInAPackage("org.debforge.debmock..")
        .and()
        .resideOutsideOfPackage("org.debforge.debmock.plugins..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.debforge.debmock.plugins..")
        .because("the engine hands plugins capabilities and never knows which plugins exist")
        .check(main);
  }

  @Test
  void pluginAuthorsCompileAgainstTheApiAlone() {
    classes()
        .that()
        .resideInAPackage("org.debforge.debmock.plugin.api..")
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("org.debforge.debmock..")
                .or(resideInAPackage("org.debforge.debmock.plugin.api..")))
        .because("a plugin jar needs neither deb-mock's runtime nor its engine to compile")
        .check(main);
  }

  @Test
  void pluginRuntimeNeedsOnlyTheApi() {
    classes()
        .that()
        .resideInAPackage("org.debforge.debmock.plugin.runtime..")
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("org.debforge.debmock..")
                .or(
                    resideInAnyPackage(
                        "org.debforge.debmock.plugin.api..",
                        "org.debforge.debmock.plugin.runtime..")))
        .because("the runtime discovers and dispatches plugins; it knows no engine and no plugin")
        .check(main);
  }

  @Test
  void noEngineImportsTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.debforge.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.debforge.cli..")
        .because("the CLI is a host over the engines, like the REST layer and the Jenkins steps")
        .check(main);
  }

  @Test
  void formatsKnowNoTool() {
    noClasses()
        .that()
        .resideInAPackage("org.debforge.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.debforge.debmock..",
            "org.debforge.orchestrator..",
            "org.debforge.compose..",
            "org.debforge.ostree..",
            "org.debforge.cli..")
        .check(main);
  }

  @Test
  void toolEnginesAreIndependent() {
    String[] engines = {
      "org.debforge.debmock..",
      "org.debforge.orchestrator..",
      "org.debforge.compose..",
      "org.debforge.ostree.."
    };
    for (String engine : engines) {
      for (String other : engines) {
        if (!other.equals(engine)) {
          noClasses()
              .that()
              .resideInAPackage(engine)
              .should()
              .dependOnClassesThat()
              .resideInAPackage(other)
              .check(main);
        }
      }
    }
  }
}
