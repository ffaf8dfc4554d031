package dicomsql.engine.index;

import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/**
 * The index file is held, with an OS lock, by another process that opened it for writing.
 * dicomsql's own processes never lock each other out (readers share the file; writers write a
 * new file and rename it into place), so the index is not damaged, and rebuilding it is not the
 * remedy.
 */
final class LockedIndexException extends IOException {
  LockedIndexException(Path file, MVStoreException cause) {
    super("the index " + file + " is held open, locked, by " + holder(file) + ": wait until it "
        + "lets go of it, or use another index folder (--index DIR; index=DIR in a JDBC URL); "
        + "the index is not damaged", cause);
  }

  /**
   * Whether MVStore could not open a file because another process holds its lock. A lock held
   * within this process is another matter: MVStore keeps the lock of a file it failed to open
   * (an empty file, say) until the JVM ends, so there the file is to be treated as unreadable.
   */
  static boolean isLockOfAnotherProcess(MVStoreException e) {
    return e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED
        && !(e.getCause() instanceof OverlappingFileLockException);
  }

  private static String holder(Path file) {
    OptionalLong pid = LockHolder.of(file);
    return pid.isPresent() ? LockHolder.describe(pid.getAsLong()) : "another process";
  }
}
