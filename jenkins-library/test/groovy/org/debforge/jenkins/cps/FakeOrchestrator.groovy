package org.debforge.jenkins.cps

import groovy.json.JsonOutput
import groovy.json.JsonSlurper

/**
 * A deb-orchestrator server as the client sees it, for the sh lines tagArtifact writes, with the
 * real server's rules (docs/deb-orchestrator.md, BuildImporter, Tagging): a build is one source
 * version; each imported result is a part keyed by its concrete architectures ('all' when it has
 * none); importing a part again is a no-op when its content is identical (created: false) and a
 * CONFLICT (exit 6) when not; a new part joins the build, but a file the build already holds
 * under the same name with other content is a CONFLICT naming it. Tagging needs the tag and the
 * package on its list (else exit 5), and a build already in the tag is a CONFLICT (exit 6), as
 * the real tag-build answers. No token: exit 60.
 */
class FakeOrchestrator {
  FakeJenkins jenkins
  /** nvr -> [id, parts: [arch: identity], files: [name: [sha256, arch]], provenance] */
  Map<String, Map> builds = [:]
  /** tag -> packages on its list */
  Map<String, List<String>> tags = ['bookworm-candidate': ['hello']]
  /** tag -> tagged build ids */
  Map<String, List<Integer>> tagged = [:].withDefault { [] }
  /** Tags published, in order. */
  List<String> published = []
  /** The next calls' forced exit (e.g. 61), with its message. */
  Integer forcedExit
  String forcedMessage

  FakeOrchestrator(FakeJenkins jenkins) {
    this.jenkins = jenkins
    jenkins.onSh('deb-orchestrator ') { Map call -> answer(call.script.toString()) }
  }

  /** The same server answering another Jenkins build (a replay, a rerun) with its own workspace. */
  Map answerFor(FakeJenkins other, Map call) {
    FakeJenkins own = jenkins
    jenkins = other
    try {
      return answer(call.script.toString())
    } finally {
      jenkins = own
    }
  }

  private static Map fail(int status, String message) {
    return [status: status, stderr: "deb-orchestrator: ${message}\n".toString()]
  }

  private Map answer(String script) {
    List<String> argv = FakeDebMock.words(script.replaceFirst(/^mkdir -p \S+ && /, '').replaceFirst(/\s>\s*\S+\s+2>\s*\S+\s*$/, ''))
    if (!jenkins.envValue('DEB_ORCHESTRATOR_TOKEN')) {
      return fail(60, 'not authenticated: this server wants an API token ($DEB_ORCHESTRATOR_TOKEN)')
    }
    if (forcedExit != null) {
      return fail(forcedExit, forcedMessage)
    }
    List<String> args = []
    for (int i = 0; i < argv.size(); i++) {
      if (argv[i] in ['--server', '--jenkins-url', '--jenkins-job', '--jenkins-number']) {
        i++
      } else if (!argv[i].startsWith('--')) {
        args << argv[i]
      }
    }
    switch (argv[1]) {
      case 'import': return importResult(args[2])
      case 'tag-build': return tagBuild(args[2], args[3] as int)
      case 'move-build':
        if (!tagged[args[2]].contains(args[4] as int)) {
          return fail(5, "build ${args[4]} is not tagged in '${args[2]}'")
        }
        Map moved = tagBuild(args[3], args[4] as int)
        if (!moved.status) {
          tagged[args[2]].remove((Object) (args[4] as int))
        }
        return moved
      case 'publish':
        published << args[2]
        return [stdout: JsonOutput.toJson([tag: args[2], changed: true])]
      case 'list-tagged':
        List rows = builds.values().findAll { tagged[args[2]].contains(it.id) }
            .collect { [build_id: it.id, nvr: it.nvr] }
        return [stdout: JsonOutput.toJson(rows)]
    }
    return fail(2, "unknown command ${argv[1]}")
  }

  private Map importResult(String dir) {
    if (!jenkins.exists("${dir}/result.json")) {
      return fail(5, "${dir}/result.json: no such file")
    }
    Map record = new JsonSlurper().parseText(jenkins.read("${dir}/result.json"))
    String nvr = "${record.source.name}_${record.source.version}"
    List<Map> packages = record.artifacts.findAll { it.kind != 'log' }
    List<String> arches = packages*.name.findAll { it.endsWith('.deb') }
        .collect { it.replaceFirst(/.*_/, '').replace('.deb', '') }.unique()
    String part = (arches - ['all']).sort().join(' ') ?: 'all'
    String identity = FakeDebMock.sha256(packages.collect { "${it.sha256}  ${it.name}" }.sort().join('\n'))
    Map build = builds[nvr]
    boolean created = true
    if (build == null) {
      build = builds[nvr] = [id: builds.size() + 1, nvr: nvr, parts: [:], files: [:],
                             provenance: [jenkins_url: jenkins.envValue('BUILD_URL')]]
    } else if (build.parts.containsKey(part)) {
      if (build.parts[part] != identity) {
        return fail(6, "${nvr} (${part}) is already imported with other content (build ${build.id}, COMPLETE, imported by jenkins)")
      }
      created = false
    } else {
      Map clash = packages.find { build.files.containsKey(it.name) && build.files[it.name].sha256 != it.sha256 }
      if (clash) {
        return fail(6, "${clash.name} is already in build ${nvr} (from its ${build.files[clash.name].arch} part) with other content")
      }
    }
    if (created) {
      build.parts[part] = identity
      packages.each { build.files.putIfAbsent(it.name, [sha256: it.sha256, arch: part]) }
    }
    return [stdout: JsonOutput.toJson([created: created, build: [id: build.id, nvr: nvr, architectures: build.parts.keySet().sort()]])]
  }

  private Map tagBuild(String tag, int id) {
    Map build = builds.values().find { it.id == id }
    if (!tags.containsKey(tag)) {
      return fail(5, "tag '${tag}' does not exist")
    }
    if (build == null) {
      return fail(5, "build ${id} does not exist")
    }
    String source = build.nvr.replaceFirst(/_.*/, '')
    if (!tags[tag].contains(source)) {
      return fail(5, "package '${source}' is not in the package list of tag '${tag}'")
    }
    if (tagged[tag].contains(id)) {
      return fail(6, "${build.nvr} is already tagged in '${tag}'")
    }
    tagged[tag] << id
    return [stdout: JsonOutput.toJson([tagged: tag, build: id])]
  }
}
