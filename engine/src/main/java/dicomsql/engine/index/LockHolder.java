package dicomsql.engine.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Who holds an OS lock on a file, named as people know processes: id, command, state. */
final class LockHolder {
  private static final Path PROC_LOCKS = Path.of("/proc/locks");

  private LockHolder() {}

  /** "process 123 (java)", or "process 123 (java, stopped)" when it runs no more. */
  static String describe(long pid) {
    String command = ProcessHandle.of(pid).flatMap(p -> p.info().command())
        .map(c -> Path.of(c).getFileName().toString()).orElse("?");
    return "process " + pid + " (" + command + (isStopped(pid) ? ", stopped" : "") + ")";
  }

  /**
   * The process holding a POSIX lock on the file, as Linux lists it in {@code /proc/locks}
   * (by device and inode); empty where there is no such list or the lock is not in it.
   */
  static OptionalLong of(Path file) {
    try {
      long device = (Long) Files.getAttribute(file, "unix:dev");
      String inode = Long.toString((Long) Files.getAttribute(file, "unix:ino"));
      String key = String.format("%02x:%02x:%s", major(device), minor(device), inode);
      for (String line : Files.readAllLines(PROC_LOCKS)) {
        // "1: POSIX  ADVISORY  WRITE 9478 fe:00:2419249 0 EOF"; "1: -> ..." is a waiter.
        String[] fields = line.trim().split("\\s+");
        if (fields.length >= 6 && fields[1].equals("POSIX") && fields[5].equals(key)) {
          return OptionalLong.of(Long.parseLong(fields[4]));
        }
      }
    } catch (IOException | RuntimeException e) {
      // No /proc (not Linux), no unix attributes: the holder goes unnamed.
    }
    return OptionalLong.empty();
  }

  /** glibc's gnu_dev_major: the bits of a dev_t that hold the major number. */
  private static long major(long device) {
    return ((device >>> 8) & 0xfff) | ((device >>> 32) & ~0xfffL);
  }

  private static long minor(long device) {
    return (device & 0xff) | ((device >>> 12) & ~0xffL);
  }

  /** Whether Linux says the process is stopped (state T: SIGSTOP, or a debugger). */
  private static boolean isStopped(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int end = stat.lastIndexOf(')');
      return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'T';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
