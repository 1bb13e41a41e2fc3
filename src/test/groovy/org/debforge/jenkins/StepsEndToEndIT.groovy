package org.debforge.jenkins

import static org.assertj.core.api.Assertions.assertThat
import static org.junit.jupiter.api.Assumptions.assumeTrue

import groovy.json.JsonSlurper
import java.nio.file.Files
import org.debforge.jenkins.cps.CpsPipeline
import org.debforge.jenkins.cps.FakeJenkins
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Tags
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * The steps' own command lines, really run on this machine: debMockBuild builds Debian's hello
 * 2.10-3 with bin/deb-mock, tagArtifact imports it into a served bin/deb-orchestrator with this
 * "Jenkins build" as provenance and tags it, and list-tagged shows it. The steps run under the
 * library's CPS harness (saved and restored at every step), with sh run for real in a workspace.
 * Needs the distribution built (mvn package), root, Debian's mirror, and minutes. Runs in the
 * top-level tests module (after dist/), with the shared library's harness compiled in.
 */
// Groovy 2.4 has no repeatable annotations: the container form.
@Tags([@Tag('root'), @Tag('network'), @Tag('slow')])
class StepsEndToEndIT {
  FakeJenkins jenkins = new FakeJenkins()
  Map env = jenkins.env
  Map credentials = jenkins.credentials

  static final File ROOT = new File(System.getProperty('debforge.root', '../..')).canonicalFile
  static final List<String> HELLO = ['hello_2.10-3.dsc', 'hello_2.10.orig.tar.gz',
      'hello_2.10.orig.tar.gz.asc', 'hello_2.10-3.debian.tar.xz']

  @TempDir
  Path tmpDir

  private static String run(Map<String, String> extraEnv = [:], String... cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd as List).redirectErrorStream(false)
    pb.environment().putAll(extraEnv)
    Process p = pb.start()
    String out = p.inputStream.getText('UTF-8')
    String err = p.errorStream.getText('UTF-8')
    assert p.waitFor() == 0: "${cmd.join(' ')}: ${err}"
    return out
  }

  private File fetchHello() {
    File cache = new File(ROOT, 'src/test/target/debian-cache/hello')
    cache.mkdirs()
    String mirror = run("${ROOT}/bin/debforge", 'mirror').trim()
    HELLO.each { name ->
      File f = new File(cache, name)
      if (!f.exists()) {
        File part = new File(cache, name + '.part')
        part.bytes = new URL("${mirror}/pool/main/h/hello/${name}").bytes
        part.renameTo(f)
      }
    }
    return cache
  }

  @Test
  void buildImportTagAndListThroughTheSteps() {
    assumeTrue(new File(ROOT, 'dist/target/debforge/lib').isDirectory(),
        'the distribution is not built (mvn package)')
    File tmp = tmpDir.toFile()
    File store = new File(tmp, 'store')
    Map storeEnv = [DEB_ORCHESTRATOR_STORE: store.path]
    String token = run(storeEnv, "${ROOT}/bin/deb-orchestrator", 'token', 'create',
        '--name', 'jenkins', '--role', 'admin').trim()
    run(storeEnv, "${ROOT}/bin/deb-orchestrator", 'add-tag', 'bookworm-candidate')
    // As in Koji, a tag takes only packages on its package list.
    run(storeEnv, "${ROOT}/bin/deb-orchestrator", 'add-pkg', 'bookworm-candidate', 'hello', '--owner', 'release')
    int port = new ServerSocket(0).withCloseable { it.localPort }
    Process server = new ProcessBuilder("${ROOT}/bin/deb-orchestrator".toString(), 'serve',
        '--listen', "127.0.0.1:${port}".toString(), '--store', store.path)
        .redirectError(new File(tmp, 'serve.err')).start()
    try {
      String url = "http://127.0.0.1:${port}"
      assertThat(new BufferedReader(new InputStreamReader(server.inputStream)).readLine())
          .isEqualTo("deb-orchestrator listening on ${url}".toString())

      File workspace = new File(tmp, 'workspace')
      workspace.mkdirs()
      jenkins.realWorkspace = workspace
      fetchHello().eachFile { Files.copy(it.toPath(), new File(workspace, it.name).toPath()) }
      env.PATH = "${ROOT}/bin:${System.getenv('PATH')}".toString()
      env.NODE_NAME = 'this-host'
      env.NODE_LABELS = 'debian amd64 bookworm'
      env.BUILD_URL = 'https://ci.example.org/job/hello/job/main/5/'
      env.JOB_NAME = 'hello/main'
      env.BUILD_NUMBER = '5'
      env.DEB_ORCHESTRATOR_STORE = new File(tmp, 'unused').path
      credentials['orchestrator'] = token

      Map outcome = new CpsPipeline(jenkins).run("""
        def built = debMockBuild(source: 'hello_2.10-3.dsc')
        def id = tagArtifact(tag: 'bookworm-candidate', server: '${url}', credentialsId: 'orchestrator',
            result: built.resultDir)
        return [built: built, id: id]
      """)
      Map built = outcome.built
      def id = outcome.id
      assertThat(built.status).isEqualTo('succeeded')
      assertThat(built.resultDir).isEqualTo('result/amd64')
      assertThat(built.source + ' ' + built.version).isEqualTo('hello 2.10-3')
      assertThat(built.artifacts*.name).contains('hello_2.10-3_amd64.deb')
      assertThat(jenkins.currentBuild.description).isEqualTo('hello 2.10-3 amd64')
      assertThat(jenkins.shScripts().findAll { it.contains(token) }).isEmpty()

      List tagged = new JsonSlurper().parseText(run("${ROOT}/bin/deb-orchestrator", 'list-tagged',
          '--server', url, 'bookworm-candidate', '--json'))
      assertThat(tagged*.nvr).containsExactly('hello_2.10-3')
      assertThat(tagged[0].build_id).isEqualTo(id)
      Map info = new JsonSlurper().parseText(run("${ROOT}/bin/deb-orchestrator", 'buildinfo',
          '--server', url, id.toString(), '--json'))
      assertThat(info.provenance.jenkins_url).isEqualTo(env.BUILD_URL)
      assertThat(info.provenance.jenkins_job).isEqualTo('hello/main')
      assertThat(info.provenance.jenkins_number.toString()).isEqualTo('5')
      assertThat(info.provenance.user).isEqualTo('jenkins')
    } finally {
      server.destroy()
      server.waitFor(30, TimeUnit.SECONDS)
    }
  }
}
