package org.debforge.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * The build description a matrix of debMockBuild cells leaves: "hello 2.10-3 amd64, arm64, all".
 * Each cell merges its architectures into what the others wrote, in a stable order (architectures
 * sorted, 'all' last), so the result does not depend on which cell finished first. A description
 * of another source or version (or someone else's text) is replaced.
 */
class BuildDescription implements Serializable {
  private static final long serialVersionUID = 1L

  @NonCPS
  static String merge(String current, String source, String version, List<String> arches) {
    String prefix = "${source} ${version} "
    Set<String> all = new TreeSet<String>()
    if (current != null && current.startsWith(prefix)) {
      all.addAll(current.substring(prefix.length()).split(',')*.trim().findAll { it })
    }
    all.addAll(arches)
    List<String> ordered = all.findAll { it != 'all' }.toList() + (all.contains('all') ? ['all'] : [])
    return prefix + ordered.join(', ')
  }
}
