package dicomsql.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The queries of {@code bench/run dense}, in a JVM of their own ({@code java -Xmx1g -cp
 * BENCH_JAR dicomsql.bench.DenseScan URL SQL...}): each statement read to its end, every
 * value fetched. Prints one line a statement, tab-separated: the rows, the milliseconds, the
 * peak heap in MB while it ran (the sum of the heap pools' peaks, so at most that much was in
 * use), the first row's first value; then a last line with the process's peak resident memory.
 */
public final class DenseScan {
  private DenseScan() {}

  public static void main(String[] args) throws Exception {
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    try (Connection connection = DriverManager.getConnection(args[0]);
        Statement statement = connection.createStatement()) {
      for (int i = 1; i < args.length; i++) {
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long rows = 0;
        Object first = null;
        try (ResultSet result = statement.executeQuery(args[i])) {
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            for (int c = 1; c <= columns; c++) {
              Object value = result.getObject(c);
              if (rows == 0 && c == 1) {
                first = value;
              }
            }
            rows++;
          }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "%d\t%.0f\t%d\t%s%n", rows, ms, peak >> 20, first);
      }
    }
    System.out.printf(Locale.ROOT, "resident\t%d%n",
        ProcFiles.peakResidentMegabytes(ProcessHandle.current().pid()));
  }
}
