package org.debforge.debmock;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a build. The JVM runs shutdown hooks concurrently with the
 * build thread: RootLog's own hooks kill each running root command's unshare, whose --kill-child
 * kills the namespace's PID 1 and with it every build process and mount; the build thread then sees
 * its command fail, cleans up as after any failure and writes result.json. This hook marks the run
 * canceled, so that record says {@code canceled}, and holds the JVM open until the build thread is
 * done (bounded, so a stuck cleanup cannot hang a second Ctrl-C forever).
 */
final class Cancellation implements AutoCloseable {
  /** Time the build thread gets to remove the root and write result.json. */
  static final long GRACE_SECONDS = 60;

  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onShutdown, "deb-mock-cancel");
  private volatile boolean canceled;

  Cancellation() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private void onShutdown() {
    canceled = true;
    try {
      done.await(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean canceled() {
    return canceled;
  }

  /** The build thread finished its cleanup: the JVM may exit. */
  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running and now returns
    }
  }
}
