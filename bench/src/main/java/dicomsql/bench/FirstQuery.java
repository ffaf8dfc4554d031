package dicomsql.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;

/**
 * A JDBC program's first query in a new JVM ({@code java -cp DRIVER_JAR:BENCH_CLASSES
 * dicomsql.bench.FirstQuery URL SQL}): prints on one line, as {@code phase=wall/cpu} pairs,
 * when each step ended, in milliseconds from the start of the process and of CPU time of the
 * main thread. The steps inside the statement are told by Calcite's hooks, those of the main
 * thread only (the driver's warm-up plans on a thread of its own): parsed, validated and
 * converted to relational algebra (the index is opened then, when a table is first looked
 * up), optimized, Java code generated; Janino's
 * compilation of that code ends when {@code executeQuery} returns; then the rows are read.
 */
public final class FirstQuery {
  private FirstQuery() {}

  public static void main(String[] args) throws Exception {
    Instant processStart = ProcessHandle.current().info().startInstant().orElseThrow();
    long origin = System.nanoTime() - Duration.between(processStart, Instant.now()).toNanos();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, long[]> marks = new LinkedHashMap<>();
    Consumer<String> mark = phase -> marks.putIfAbsent(phase,
        new long[] {System.nanoTime() - origin, threads.getCurrentThreadCpuTime()});
    mark.accept("main");
    // A hook may fire again for a subquery: the first time counts.
    try (Hook.Closeable parsed = on(Hook.PARSE_TREE, mark, "parsed");
        Hook.Closeable converted = on(Hook.CONVERTED, mark, "converted");
        Hook.Closeable optimized = on(Hook.PLAN_BEFORE_IMPLEMENTATION, mark, "optimized");
        Hook.Closeable generated = on(Hook.JAVA_PLAN, mark, "generated")) {
      long rows = 0;
      try (Connection connection = DriverManager.getConnection(args[0])) {
        mark.accept("connected");
        try (Statement statement = connection.createStatement();
            ResultSet result = statement.executeQuery(args[1])) {
          mark.accept("compiled");
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            for (int c = 1; c <= columns; c++) {
              result.getObject(c);
            }
            rows++;
          }
        }
        mark.accept("read");
      }
      StringJoiner line = new StringJoiner(" ");
      marks.forEach((phase, nanos) -> line.add(String.format(Locale.ROOT, "%s=%.1f/%.1f",
          phase, nanos[0] / 1e6, nanos[1] / 1e6)));
      System.out.println(line + " rows=" + rows);
    }
  }

  private static Hook.Closeable on(Hook hook, Consumer<String> mark, String phase) {
    Consumer<Object> handler = o -> mark.accept(phase);
    return hook.addThread(handler);
  }
}
