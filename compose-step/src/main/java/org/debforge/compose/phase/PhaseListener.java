package org.debforge.compose.phase;

/** Told when phases start and end: the CLI prints progress lines from it. */
public interface PhaseListener {
  void started(String phase);

  void ended(PhaseRecord record);

  PhaseListener NONE =
      new PhaseListener() {
        @Override
        public void started(String phase) {}

        @Override
        public void ended(PhaseRecord record) {}
      };
}
