package org.debforge.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * A package's build constraints (debian/debforge-constraints.yaml, OBS {@code _constraints} in
 * YAML) as a Jenkins label expression over debforge's agent label conventions (docs/jenkins.md):
 *
 * <ul>
 *   <li>{@code debian && SUITE && ARCH} on every build agent; {@code compose} and {@code ostree}
 *       on the agents of those kinds;</li>
 *   <li>sizes as tiers: an agent carries every tier at or below what it has ({@code mem-2g} ...
 *       {@code mem-256g}, {@code disk-10g} ... {@code disk-2000g}, {@code cpus-1} ...
 *       {@code cpus-128}), so "at least 6 GiB" is the one atom {@code mem-8g}, since Jenkins labels
 *       are atoms and cannot compare numbers;</li>
 *   <li>{@code cpu-FLAG} per CPU flag in /proc/cpuinfo, {@code sandbox-KIND} per sandbox, and a
 *       host label verbatim.</li>
 * </ul>
 *
 * OBS semantics kept: architectures are alternatives, everything else must all hold, a size is a
 * minimum, {@code hostlabel} may be excluded. A key that is not known is an error (a typo would
 * otherwise silently allow any agent), and so is an OBS constraint no label can express (kernel
 * versions, job counts), named in the message.
 */
class Constraints implements Serializable {
  static final List<Integer> MEMORY_TIERS_GIB = [2, 4, 8, 16, 32, 64, 128, 256]
  static final List<Integer> DISK_TIERS_GIB = [10, 20, 50, 100, 200, 500, 1000, 2000]
  static final List<Integer> CPU_TIERS = [1, 2, 4, 8, 16, 32, 64, 128]
  static final List<String> KINDS = ['build', 'compose', 'ostree']
  static final List<String> SANDBOXES = ['chroot', 'kvm', 'qemu', 'lxc', 'docker', 'podman']

  /** Keys OBS has and no label convention can express, with the reason given to the user. */
  static final Map<String, String> INEXPRESSIBLE = [
      linux        : 'a kernel version range is not a label; give such agents a hostlabel instead',
      jobs         : 'parallel job counts are set on the build, not chosen by label',
      physicalmemory: 'use hardware.memory (the tiers are the agent\'s total memory)',
      overwrite    : 'conditional overwrites are not supported; write one constraints file per case',
  ]

  static final Set<String> TOP_KEYS = ['kind', 'suite', 'architecture', 'hostlabel', 'sandbox', 'hardware'] as Set
  static final Set<String> HARDWARE_KEYS = ['memory', 'disk', 'processors', 'cpu'] as Set

  /**
   * The label expression for one agent: {@code constraints} as read from the YAML file (may be
   * empty), {@code arch} and {@code suite} the matrix cell's (either may be null: then the
   * constraints' own list is used). {@code source} names the file in messages.
   */
  @NonCPS
  static String label(Map constraints, String arch, String suite, String source) {
    Map c = constraints ?: [:]
    List<String> problems = []
    c.keySet().collect { it.toString() }.sort().each { String k ->
      if (INEXPRESSIBLE.containsKey(k)) {
        problems << "${k}: no agent label can express it (${INEXPRESSIBLE[k]})"
      } else if (!TOP_KEYS.contains(k)) {
        problems << "${k}: unknown key (known: ${TOP_KEYS.sort().join(', ')})"
      }
    }
    List<String> atoms = []
    String kind = c.kind == null ? 'build' : c.kind.toString()
    if (!KINDS.contains(kind)) {
      problems << "kind: '${kind}' is not one of ${KINDS.join(', ')}"
    }
    if (kind == 'build') {
      atoms << 'debian'
      String s = suite ?: (c.suite?.toString())
      if (s) {
        atoms << checkedAtom(s, 'suite', problems)
      }
      List<String> archs = strings(c.architecture, 'architecture', problems)
      if (arch) {
        if (archs && !archs.contains(arch)) {
          problems << "architecture: the package builds on ${archs.join(', ')}, not on ${arch}"
        }
        atoms << checkedAtom(arch, 'architecture', problems)
      } else if (archs.size() == 1) {
        atoms << checkedAtom(archs[0], 'architecture', problems)
      } else if (archs) {
        atoms << '(' + archs.collect { checkedAtom(it, 'architecture', problems) }.join(' || ') + ')'
      }
    } else {
      atoms << kind
    }
    hostlabels(c.hostlabel, atoms, problems)
    if (c.sandbox != null) {
      String sb = c.sandbox.toString()
      if (!SANDBOXES.contains(sb)) {
        problems << "sandbox: '${sb}' is not one of ${SANDBOXES.join(', ')}"
      } else if (sb != 'chroot') { // deb-mock's own sandbox: every build agent has it
        atoms << "sandbox-${sb}".toString()
      }
    }
    hardware(c.hardware, atoms, problems)
    if (problems) {
      throw new IllegalArgumentException(
          "${source}: " + problems.join('; ') + ' (label conventions: docs/jenkins.md)')
    }
    return atoms.join(' && ')
  }

  @NonCPS
  private static void hostlabels(Object value, List<String> atoms, List<String> problems) {
    if (value == null) {
      return
    }
    List entries = value instanceof List ? value : [value]
    entries.each { e ->
      if (e instanceof Map) {
        Set extra = (e.keySet().collect { it.toString() } as Set) - (['label', 'exclude'] as Set)
        if (extra || !e.label) {
          problems << "hostlabel: an entry is a label or {label: NAME, exclude: true}"
          return
        }
        String atom = checkedAtom(e.label.toString(), 'hostlabel', problems)
        atoms << (e.exclude == true ? "!${atom}".toString() : atom)
      } else {
        atoms << checkedAtom(String.valueOf(e), 'hostlabel', problems)
      }
    }
  }

  @NonCPS
  private static void hardware(Object value, List<String> atoms, List<String> problems) {
    if (value == null) {
      return
    }
    if (!(value instanceof Map)) {
      problems << 'hardware: a mapping of memory, disk, processors, cpu'
      return
    }
    Map hw = (Map) value
    hw.keySet().collect { it.toString() }.sort().each { String k ->
      if (k == 'jobs' || k == 'physicalmemory') {
        problems << "hardware.${k}: no agent label can express it (${INEXPRESSIBLE[k]})"
      } else if (!HARDWARE_KEYS.contains(k)) {
        problems << "hardware.${k}: unknown key (known: ${HARDWARE_KEYS.sort().join(', ')})"
      }
    }
    if (hw.memory != null) {
      tier(gib(hw.memory, 'hardware.memory', problems), MEMORY_TIERS_GIB, 'mem-', 'g', 'hardware.memory', atoms, problems)
    }
    if (hw.disk != null) {
      tier(gib(hw.disk, 'hardware.disk', problems), DISK_TIERS_GIB, 'disk-', 'g', 'hardware.disk', atoms, problems)
    }
    if (hw.processors != null) {
      Long n = hw.processors instanceof Number ? ((Number) hw.processors).longValue()
          : (hw.processors.toString().isLong() ? hw.processors.toString().toLong() : null)
      if (n == null || n < 1) {
        problems << "hardware.processors: '${hw.processors}' is not a positive whole number"
      } else {
        tier(n, CPU_TIERS, 'cpus-', '', 'hardware.processors', atoms, problems)
      }
    }
    if (hw.cpu != null) {
      Object flags = hw.cpu instanceof Map ? ((Map) hw.cpu).flag : null
      if (!(hw.cpu instanceof Map) || ((Map) hw.cpu).keySet().any { it.toString() != 'flag' }) {
        problems << 'hardware.cpu: a mapping with one key, flag: [FLAG, ...] (as /proc/cpuinfo names them)'
      } else {
        strings(flags, 'hardware.cpu.flag', problems).each { atoms << 'cpu-' + checkedAtom(it, 'hardware.cpu.flag', problems) }
      }
    }
  }

  /** A size as whole GiB, rounded up: {@code 6G}, {@code 6GiB}, {@code 512M}, {@code 1T}. */
  @NonCPS
  static Long gib(Object value, String field, List<String> problems) {
    def m = (value.toString().trim() =~ /^(\d+)\s*([KMGT])(i?B)?$/)
    if (!m.matches()) {
      problems << "${field}: '${value}' is not a size such as 8G, 512M or 1T (a bare number has no unit)"
      return null
    }
    BigInteger n = new BigInteger(m.group(1))
    BigInteger perGib = [K: 1024G * 1024G, M: 1024G, G: 1G, T: 1G].get(m.group(2))
    if (m.group(2) == 'T') {
      n = n * 1024G
    }
    BigInteger whole = (n + perGib - 1G).divide(perGib)
    return whole.bitLength() < 63 ? whole.longValue() : Long.MAX_VALUE
  }

  @NonCPS
  private static void tier(Long wanted, List<Integer> tiers, String prefix, String suffix, String field,
                           List<String> atoms, List<String> problems) {
    if (wanted == null) {
      return
    }
    Integer t = tiers.find { it >= wanted }
    if (t == null) {
      problems << "${field}: ${wanted}${suffix.toUpperCase()} is above the largest agent tier ${tiers[-1]}${suffix.toUpperCase()}"
    } else {
      atoms << "${prefix}${t}${suffix}".toString()
    }
  }

  @NonCPS
  private static List<String> strings(Object value, String field, List<String> problems) {
    if (value == null) {
      return []
    }
    List raw = value instanceof List ? value : [value]
    if (raw.any { it instanceof Map || it instanceof List || it == null }) {
      problems << "${field}: a name or a list of names"
      return []
    }
    return raw.collect { it.toString() }
  }

  /** A label atom: Jenkins label expressions break on operators, spaces and quotes. */
  @NonCPS
  private static String checkedAtom(String s, String field, List<String> problems) {
    if (!(s ==~ /[A-Za-z0-9][A-Za-z0-9_.+-]*/)) {
      problems << "${field}: '${s}' cannot be a label (letters, digits, '_', '.', '+', '-')"
    }
    return s
  }
}
