package dicomsql.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What Linux's {@code /proc} says of the machine and of a process. */
final class ProcFiles {
  private ProcFiles() {}

  /** The 1, 5 and 15 minute load averages, or "unknown". */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * The CPU time (ns) process {@code pid} has used, user and system, counted in Linux's clock
   * ticks of 10 ms (USER_HZ is 100 on every architecture this runs on).
   */
  static long cpuNanos(long pid) {
    try {
      return cpuNanos(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The CPU time (ns) used by the JIT compiler threads of process {@code pid} (HotSpot names
   * them "C1 CompilerThread0", "C2 CompilerThread0", ...), as {@link #cpuNanos}; threads that
   * end while being read are left out.
   */
  static long compilerCpuNanos(long pid) {
    long nanos = 0;
    try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        try {
          if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
            nanos += cpuNanos(thread.resolve("stat"));
          }
        } catch (IOException ended) {
          // The thread ended between the listing and the reading: a compiler thread's time is
          // lost with it, as it is from the process's other counts of its threads.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return nanos;
  }

  private static long cpuNanos(Path stat) throws IOException {
    String text = Files.readString(stat);
    // Fields after the command, which is in parentheses and may hold spaces.
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
  }

  /** The most memory process {@code pid} has held (VmHWM), in MB, or -1 where unknown. */
  static long peakResidentMegabytes(long pid) throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }
}
