package dicomsql.connector.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomsql.connector.DicomTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.junit.jupiter.api.Test;

/** Rows pass through in order while their work runs on the pool; cancel stops the waiting. */
class RasterPrefetchTest {
  /** Work that records the arguments it saw, grouped by the second one; some of it fails. */
  private record Recording(Set<List<Object>> seen) implements RasterPrefetch.Work {
    @Override
    public void compute(RoiMeasurements measurements, Object[] arguments) {
      seen.add(List.of(arguments));
      if (arguments[0].equals("fails")) {
        throw new IllegalStateException("left for the projection to report");
      }
    }

    @Override
    public String group(Object[] arguments) {
      return (String) arguments[1];
    }
  }

  private static List<Object[]> rows(int count) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(new Object[] {i % 7 == 0 ? "fails" : "roi " + i / 3, "series " + i % 5,
          i % 11 == 0 ? null : "image"});
    }
    return rows;
  }

  private static List<Object[]> drain(Enumerator<Object[]> rows) {
    List<Object[]> out = new ArrayList<>();
    while (rows.moveNext()) {
      out.add(rows.current());
    }
    return out;
  }

  @Test
  void rowsComeOutUnchangedAndInOrderAfterTheirWorkIsDone() {
    Set<List<Object>> seen = ConcurrentHashMap.newKeySet();
    List<Object[]> rows = rows(3 * RasterPrefetch.BATCH + 17);
    RasterPrefetch prefetch = new RasterPrefetch(null, new AtomicBoolean(),
        List.of(new RasterPrefetch.Call(new Recording(seen), new int[] {0, 1, 2})));
    List<Object[]> out = drain(prefetch.over(Linq4j.asEnumerable(rows)).enumerator());
    assertThat(out).containsExactlyElementsOf(rows);
    assertThat(seen).hasSize((int) rows.stream().filter(row -> row[2] != null)
        .map(List::of).distinct().count());
  }

  @Test
  void aCancelledStatementStopsWaitingForBusyWorkers() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    RasterPrefetch.Work blocking = new RasterPrefetch.Work() {
      @Override
      public void compute(RoiMeasurements measurements, Object[] arguments)
          throws InterruptedException {
        started.countDown();
        never.await();
      }

      @Override
      public String group(Object[] arguments) {
        return "one series";
      }
    };
    AtomicBoolean cancelled = new AtomicBoolean();
    RasterPrefetch prefetch = new RasterPrefetch(null, cancelled,
        List.of(new RasterPrefetch.Call(blocking, new int[] {0})));
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<Boolean> reading = caller.submit(() -> prefetch.over(
          Linq4j.asEnumerable(List.<Object[]>of(new Object[] {"a"}, new Object[] {"b"})))
          .enumerator().moveNext());
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      cancelled.set(true);
      assertThatThrownBy(() -> reading.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(DicomTable.QueryCancelledException.class);
    } finally {
      never.countDown();
      caller.shutdownNow();
    }
  }
}
