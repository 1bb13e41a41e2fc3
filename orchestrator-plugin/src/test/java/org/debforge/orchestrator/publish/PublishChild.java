package org.debforge.orchestrator.publish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.repo.HaltPoints;
import org.debforge.orchestrator.Orchestrator;

/**
 * {@code publish} in a JVM of its own, for {@link PublishCrashTest} to kill: {@code STORE tagged}
 * or {@code STORE untagged} tags or untags {@code hello_1.0-1}, publishes once and prints how many
 * halt points the run passed; {@code STORE loop} does that alternately until killed.
 */
public final class PublishChild {
  private PublishChild() {}

  public static void main(String[] args) {
    Path store = Path.of(args[0]);
    try (Orchestrator o = Fixture.open(store)) {
      Publisher p = o.publisher();
      if (args[1].equals("loop")) {
        System.out.println("ready");
        System.out.flush();
        for (boolean tagged = false; ; tagged = !tagged) {
          setTagged(o, tagged);
          p.publish("alice", Fixture.TAG, null, null);
        }
      }
      setTagged(o, args[1].equals("tagged"));
      p.publish("alice", Fixture.TAG, null, null);
      System.out.println("steps " + HaltPoints.steps());
    }
  }

  /** The command line of a child JVM on this test class path; {@code haltAt} 0 for none. */
  static ProcessBuilder process(Path store, String mode, long haltAt) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    if (haltAt > 0) {
      cmd.add("-Ddebforge.repo.halt-at=" + haltAt);
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.addAll(List.of(PublishChild.class.getName(), store.toString(), mode));
    return new ProcessBuilder(cmd).redirectErrorStream(true);
  }

  private static void setTagged(Orchestrator o, boolean tagged) {
    try {
      if (tagged) {
        o.tagBuild("alice", Fixture.TAG, "hello_1.0-1");
      } else {
        o.untagBuild("alice", Fixture.TAG, "hello_1.0-1");
      }
    } catch (DebforgeException e) {
      // Already so: a killed run changed the tag but did not publish.
    }
  }
}
