package org.debforge.compose.repoclosure;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Paragraph;
import org.debforge.core.repo.IndexReader;

/**
 * The repoclosure phase: every package of the compose's repository has its dependencies met inside
 * it, by our {@link ClosureCheck} and by dose-distcheck; both must say the same, and a disagreement
 * is itself an error (one of the two checks is wrong, and the compose cannot be trusted).
 */
public final class RepoClosure {
  private RepoClosure() {}

  /** What each check found for one Packages index. */
  public record Report(String arch, Set<String> ours, Set<String> dose) {
    public boolean agree() {
      return ours.equals(dose);
    }
  }

  public static Report check(Path packagesIndex, String arch, PrintWriter log) {
    List<Paragraph> stanzas = new ArrayList<>();
    IndexReader.forEach(packagesIndex, stanzas::add);
    Map<String, ClosureCheck.Broken> ours = ClosureCheck.check(stanzas);
    ours.values().forEach(b -> log.println("repoclosure: ours: " + b.key() + ": " + b.reason()));
    Set<String> dose = DoseDistcheck.broken(packagesIndex, arch, log);
    Report r = new Report(arch, new TreeSet<>(ours.keySet()), dose);
    log.println(
        "repoclosure: "
            + arch
            + ": "
            + stanzas.size()
            + " packages; ours finds "
            + r.ours().size()
            + " broken, dose-distcheck "
            + r.dose().size());
    if (!r.agree()) {
      Set<String> onlyOurs = new TreeSet<>(r.ours());
      onlyOurs.removeAll(r.dose());
      Set<String> onlyDose = new TreeSet<>(r.dose());
      onlyDose.removeAll(r.ours());
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "repoclosure "
              + packagesIndex
              + ": our check and dose-distcheck disagree: only ours finds "
              + onlyOurs
              + ", only dose-distcheck finds "
              + onlyDose,
          "see logs/repoclosure.log; this is a bug in one of the checks, please report it");
    }
    if (!r.ours().isEmpty()) {
      StringBuilder why = new StringBuilder();
      ours.values()
          .forEach(b -> why.append("\n  ").append(b.key()).append(": ").append(b.reason()));
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "repoclosure "
              + packagesIndex
              + ": "
              + r.ours().size()
              + " packages have dependencies not met inside the set (dose-distcheck agrees):"
              + why,
          "see logs/repoclosure.log");
    }
    return r;
  }
}
