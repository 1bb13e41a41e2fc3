package org.debforge.orchestrator.publish;

import java.nio.file.Path;
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
