package dicomsql.engine.index;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The writers' lock of an index folder ({@code index.lock}, an OS file lock), so that one
 * process at a time builds or refreshes. The holder writes its process id into the file, so
 * that a process waiting for it can say whom it waits for, and whether that process is stopped;
 * the wait is announced, and bounded.
 */
final class WriterLock implements AutoCloseable {
  private static final long POLL_MILLIS = 100;

  private final FileChannel channel;
  private final FileLock lock;

  private WriterLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Who holds the lock, when it could not be taken in time. */
  static final class Held extends Exception {
    Held(String holder) {
      super(holder, null, false, false);
    }
  }

  /**
   * Takes the lock, waiting at most {@code wait} for another process to let it go; {@code
   * progress} hears once that this process waits, and for whom.
   */
  static WriterLock take(IndexFolder folder, Duration wait, IndexProgress progress)
      throws IOException, Held {
    FileChannel channel = folder.openLock();
    try {
      long deadline = System.nanoTime() + wait.toNanos();
      boolean announced = false;
      while (true) {
        FileLock lock = tryLock(channel);
        if (lock != null) {
          WriterLock taken = new WriterLock(channel, lock);
          taken.write(Long.toString(ProcessHandle.current().pid()));
          return taken;
        }
        if (!announced) {
          progress.notice("waiting up to " + wait.toSeconds() + " s for " + holder(folder.lock())
              + " to finish writing the index in " + folder.path);
          announced = true;
        }
        if (System.nanoTime() > deadline) {
          throw new Held(holder(folder.lock()) + " has held " + folder.lock() + " for "
              + wait.toSeconds() + " s");
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      channel.close();
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("interrupted while "
          + "waiting for " + folder.lock());
      interrupted.initCause(e);
      throw interrupted;
    } catch (IOException | RuntimeException | Held e) {
      channel.close();
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // Held in this process by other code than this class's callers, which take it one at a time.
      return null;
    }
  }

  /** "process 123 (java)", "process 123 (java, stopped)", or "another process". */
  private static String holder(Path lockFile) {
    try {
      return LockHolder.describe(
          Long.parseLong(Files.readString(lockFile, StandardCharsets.US_ASCII).strip()));
    } catch (IOException | NumberFormatException e) {
      return "another process";
    }
  }

  /**
   * Says who holds the lock. Only waiters read it, to name the holder, so a failure (a full file
   * system) does not stop the writer: the write it is about to make reports that better.
   */
  private void write(String text) {
    try {
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), 0);
    } catch (IOException e) {
      // Waiters then say "another process".
    }
  }

  /** Lets the lock go, leaving the file without a holder. */
  @Override
  public void close() throws IOException {
    try (channel) {
      write("");
      lock.release();
    }
  }
}
