package org.debforge.jenkins.cps

import groovy.json.JsonOutput

/**
 * apt-ostree and ostree admin as an ostree agent runs them, for the sh lines ostreeLayer writes
 * (docs/apt-ostree.md): a sysroot is a path the fake knows (made by the init-fs ... deploy chain,
 * or given by the test); install, uninstall and kargs each make a new default deployment, with
 * --idempotent, --append-if-missing and --unchanged-exit-77 (77) as the real one has them; an
 * unknown package is 30, a request already there 6, a path that is no sysroot 5. status --json
 * prints rpm-ostree's document, default deployment first.
 */
class FakeAptOstree {
  final FakeJenkins jenkins
  /** sysroot -> its deployments, default first: [checksum, packages, kargs]. */
  Map<String, List<Map>> sysroots = [:]
  /** Packages the deployment's APT sources have. */
  Set<String> available = ['hello', 'less', 'uuid-runtime', 'htop'] as Set
  /** A forced exit of the ostree admin chain (a ref not in the repository). */
  int makeExit = 0
  List<List<String>> runs = []

  FakeAptOstree(FakeJenkins jenkins) {
    this.jenkins = jenkins
    jenkins.onSh('apt-ostree --sysroot ') { Map call -> aptOstree(call.script.toString()) }
    jenkins.onSh('ostree admin init-fs ') { Map call -> makeSysroot(call.script.toString()) }
  }

  /** A sysroot deployed from a compose's commit, as the image phase or the test made it. */
  void sysroot(String path) {
    sysroots[path] = [[checksum: sum('base'), packages: [], kargs: ['rw']]]
  }

  private static String sum(String text) {
    return FakeDebMock.sha256(text)
  }

  private Map makeSysroot(String script) {
    List<String> argv = FakeDebMock.words(script.replaceAll(' && ', ' '))
    runs << argv
    if (makeExit != 0) {
      return [status: makeExit]
    }
    sysroot(argv[argv.indexOf('init-fs') + 1])
    return [:]
  }

  private Map aptOstree(String script) {
    List<String> argv = FakeDebMock.words(script.replaceFirst(/^mkdir -p \S+ && /, '')
        .replaceFirst(/\s>\s*\S+\s+2>\s*\S+\s*$/, ''))
    runs << argv
    String root = argv[2]
    List<Map> deployments = sysroots[root]
    if (deployments == null) {
      return fail(5, "${root}: not an ostree sysroot (no ostree/deploy)")
    }
    String command = argv[3]
    List<String> args = argv.drop(4).findAll { !it.startsWith('--') }
    Map now = deployments[0]
    Map next = [packages: new ArrayList(now.packages), kargs: new ArrayList(now.kargs)]
    switch (command) {
      case 'status':
        return [stdout: JsonOutput.toJson([deployments: deployments.collect {
          [id: "debian-${it.checksum}.0".toString(), osname: 'debian', checksum: it.checksum,
           'requested-packages': it.packages, packages: it.packages, booted: false]
        }, transaction: null])]
      case 'install':
        String unknown = args.find { !available.contains(it) }
        if (unknown) {
          return fail(30, "package ${unknown} has no installation candidate")
        }
        List<String> fresh = args.findAll { !now.packages.contains(it) }
        if (fresh.size() < args.size() && !argv.contains('--idempotent')) {
          return fail(6, "package ${(args - fresh)[0]} is already requested")
        }
        next.packages.addAll(fresh)
        break
      case 'uninstall':
        String absent = args.find { !now.packages.contains(it) }
        if (absent) {
          return fail(5, "package ${absent} is not requested")
        }
        next.packages.removeAll(args)
        break
      case 'kargs':
        argv.findAll { it.startsWith('--append-if-missing=') }.each {
          String k = it.substring(it.indexOf('=') + 1)
          if (!next.kargs.contains(k)) {
            next.kargs << k
          }
        }
        break
      default:
        return fail(2, "unknown command ${command}")
    }
    if (next.packages == now.packages && next.kargs == now.kargs) {
      return [status: argv.contains('--unchanged-exit-77') ? 77 : 0]
    }
    next.checksum = sum("${next.packages} ${next.kargs}")
    // ostree admin deploy keeps the merge deployment beside the new one: two offline.
    sysroots[root] = [next, now]
    return [:]
  }

  private static Map fail(int status, String message) {
    return [status: status, stderr: "error: ${message}\n".toString()]
  }
}
