package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.testing.InProcess;
import org.debforge.cli.testing.InProcess.Result;
import org.junit.jupiter.api.Test;

/** deb-mock's plugin commands in-process, against the plugins shipped on the class path. */
class PluginCommandsTest {

  static Result run(String... args) {
    return InProcess.run("deb-mock", args);
  }

  static JsonNode json(Result r) throws Exception {
    assertThat(r.code()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void listPluginsShowsShippedPluginsInFiringOrder() {
    Result r = run("list-plugins");
    assertThat(r.code()).as(r.err()).isZero();
    // The NAME column is as wide as the longest name (export_buildroot_image).
    assertThat(r.out()).startsWith("NAME                    DEFAULT  API  HOOKS");
    assertThat(r.out())
        .containsPattern(
            "(?m)^package_state +on +2 +postdeps,postbuild +Log the build root's packages")
        .containsPattern("(?m)^hw_info +on +2 +prebuild\\* +Log the build host's CPU")
        .containsPattern("(?m)^buildroot_lock +on +2 +postdeps +Write buildroot_lock.json")
        .containsPattern("(?m)^sign +off +2 +preinit,postumount +Sign the .changes")
        .containsPattern("(?m)^export_buildroot_image +off +2 +postdeps +Export the build root");
    assertThat(r.out().indexOf("package_state")).isLessThan(r.out().indexOf("hw_info"));
  }

  @Test
  void listPluginsJson() throws Exception {
    JsonNode doc = json(run("list-plugins", "--json"));
    assertThat(doc.get("apiVersion").asInt()).isEqualTo(2);
    JsonNode ps = null;
    for (JsonNode p : doc.get("plugins")) {
      if (p.get("name").asText().equals("package_state")) {
        ps = p;
      }
    }
    assertThat(ps).isNotNull();
    assertThat(ps.get("enabledByDefault").asBoolean()).isTrue();
    assertThat(ps.get("origin").asText()).isEqualTo("class path");
    assertThat(ps.get("hooks").toString())
        .isEqualTo(
            "[{\"hook\":\"postdeps\",\"bestEffort\":false},"
                + "{\"hook\":\"postbuild\",\"bestEffort\":false}]");
    assertThat(ps.get("options").get(1).get("name").asText()).isEqualTo("available_pkgs");
    assertThat(ps.get("options").get(1).get("defaultValue").asText()).isEqualTo("false");
  }

  @Test
  void pluginHelpShowsOptionsAndHooks() {
    Result r = run("plugin-help", "package_state");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("package_state: Log the build root's packages")
        .contains("Enabled by default: yes")
        .contains("Plugin API version: 2")
        .contains("--plugin-option package_state:KEY=VALUE")
        .contains("  available_pkgs  bool    false               Also write available_pkgs.log")
        .contains("  postdeps   after build dependencies were installed");
  }

  @Test
  void pluginHelpJson() throws Exception {
    JsonNode p = json(run("plugin-help", "hw_info", "--json"));
    assertThat(p.get("name").asText()).isEqualTo("hw_info");
    assertThat(p.get("hooks").get(0).get("bestEffort").asBoolean()).isTrue();
  }

  @Test
  void unknownPluginIsNotFoundListingKnownOnes() {
    Result r = run("plugin-help", "lvm_root");
    assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.err())
        .contains("deb-mock: no plugin named 'lvm_root'; known plugins: ")
        .contains("hw_info, ")
        .contains("package_state, ")
        .contains("hint: see 'deb-mock list-plugins'");
  }

  @Test
  void listHooksShowsEveryStageWithItsPlugins() {
    Result r = run("list-hooks");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().count()).isEqualTo(1 + 25);
    assertThat(r.out())
        .containsPattern(
            "(?m)^postdeps +package_state,buildroot_lock,export_buildroot_image +after build"
                + " dependencies were installed$")
        .containsPattern("(?m)^make_snapshot +overlayfs +\\(required\\) save the root");
  }

  @Test
  void listHooksJson() throws Exception {
    JsonNode hooks = json(run("list-hooks", "--json"));
    assertThat(hooks.size()).isEqualTo(25);
    assertThat(hooks.get(0).get("hook").asText()).isEqualTo("clean");
  }

  @Test
  void hookInfo() throws Exception {
    Result r = run("hook-info", "make_snapshot");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("make_snapshot: save the root as a named snapshot")
        .contains("Required: yes")
        .contains("Provided by: overlayfs, lvm_root");
    JsonNode h = json(run("hook-info", "postbuild", "--json"));
    // The QA plugins check the packages at postbuild, after package_state.
    assertThat(h.get("plugins").toString())
        .isEqualTo("[\"package_state\",\"lintian\",\"piuparts\",\"autopkgtest\"]");
    assertThat(h.get("requiresProvider").asBoolean()).isFalse();
  }

  @Test
  void unknownHookIsNotFound() {
    Result r = run("hook-info", "postyum");
    assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.err()).contains("no hook named 'postyum'").contains("postapt");
  }
}
