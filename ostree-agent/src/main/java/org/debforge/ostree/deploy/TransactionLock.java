package org.debforge.ostree.deploy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * One transaction at a time per sysroot, as rpm-ostree's daemon allows one: an advisory lock on
 * {@code ostree/.apt-ostree.lock}, released by the kernel when the process dies, so a killed client
 * never leaves a stale lock.
 */
public final class TransactionLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private TransactionLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static TransactionLock take(Path sysroot, String operation) {
    Path file = sysroot.resolve("ostree/.apt-ostree.lock");
    try {
      FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l = c.tryLock();
      if (l == null) {
        c.close();
        throw new DebforgeException(
            ErrorKind.CONFLICT,
            "another apt-ostree transaction is running on " + sysroot + " (" + file + " is locked)",
            "wait for it to finish; 'apt-ostree cancel' stops it once the daemon exists");
      }
      return new TransactionLock(c, l);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, file + ": cannot lock for " + operation + ": " + e.getMessage(), null, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The kernel drops the lock with the descriptor anyway.
    }
  }
}
