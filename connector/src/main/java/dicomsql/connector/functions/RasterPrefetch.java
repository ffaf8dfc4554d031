package dicomsql.connector.functions;

import dicomsql.connector.DicomTable;
import dicomsql.connector.rel.DicomRasterProject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Computes the masks and statistics a projection's raster calls will ask for, batch of rows by
 * batch, on a pool of worker threads, before the rows go on unchanged and in order to the
 * projection, which then finds every answer in the connection's {@link RoiMeasurements}. Work
 * on one series stays on one worker, one after another, so that its images are read while
 * still in the page cache. A failed computation is left for the projection to repeat and
 * report; a cancelled statement stops waiting within a tenth of a second.
 */
public final class RasterPrefetch {
  /** Rows read ahead at a time: enough work for every worker, little held in memory. */
  static final int BATCH = 256;
  private static final long POLL_MILLIS = 100;
  private static final ExecutorService WORKERS = Executors.newFixedThreadPool(
      Runtime.getRuntime().availableProcessors(), daemonThreads());

  /** What one raster call needs computed for a row, from its arguments. */
  interface Work {
    /** Computes and keeps what the call will need; {@code arguments} are none of them null. */
    void compute(RoiMeasurements measurements, Object[] arguments) throws Exception;

    /** What to keep the work together with: work on one series, or one structure set. */
    String group(Object[] arguments);
  }

  /** One raster call of a projection: its work and the input fields its arguments come from. */
  record Call(Work work, int[] fields) {
    Object[] arguments(Object[] row) {
      Object[] arguments = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        arguments[i] = row[fields[i]];
        if (arguments[i] == null) {
          return null;
        }
      }
      return arguments;
    }
  }

  /** One piece of work for one row's arguments; equal pieces are done once per batch. */
  private record Task(Work work, List<Object> arguments) {}

  private final RoiMeasurements measurements;
  private final AtomicBoolean cancelled;
  private final List<Call> calls;

  RasterPrefetch(RoiMeasurements measurements, AtomicBoolean cancelled, List<Call> calls) {
    this.measurements = measurements;
    this.cancelled = cancelled;
    this.calls = calls;
  }

  /**
   * The rows of {@code input}, with the raster calls numbered {@code calls} in
   * {@link RasterCalls} computed ahead; called by the generated code of a
   * {@link DicomRasterProject}.
   */
  public static Enumerable<Object[]> ahead(DataContext root, Enumerable<Object[]> input,
      String calls) {
    return new RasterPrefetch(RasterFunctions.measurements(root),
        DataContext.Variable.CANCEL_FLAG.get(root), RasterCalls.decode(calls)).over(input);
  }

  Enumerable<Object[]> over(Enumerable<Object[]> input) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new BatchEnumerator(input.enumerator());
      }
    };
  }

  /** Reads a batch, computes its work, then hands its rows out one by one. */
  private final class BatchEnumerator implements Enumerator<Object[]> {
    private final Enumerator<Object[]> input;
    private final List<Object[]> batch = new ArrayList<>(BATCH);
    private int next;
    private boolean ended;

    BatchEnumerator(Enumerator<Object[]> input) {
      this.input = input;
    }

    @Override
    public Object[] current() {
      return batch.get(next - 1);
    }

    @Override
    public boolean moveNext() {
      if (next < batch.size()) {
        next++;
        return true;
      }
      batch.clear();
      next = 0;
      while (!ended && batch.size() < BATCH) {
        if (input.moveNext()) {
          batch.add(input.current());
        } else {
          ended = true;
        }
      }
      if (batch.isEmpty()) {
        return false;
      }
      compute(batch);
      next = 1;
      return true;
    }

    @Override
    public void reset() {
      input.reset();
      batch.clear();
      next = 0;
      ended = false;
    }

    @Override
    public void close() {
      input.close();
    }
  }

  /** Computes the work of a batch's rows, grouped by series, and waits for all of it. */
  void compute(List<Object[]> rows) {
    Map<String, Set<Task>> byGroup = new LinkedHashMap<>();
    for (Object[] row : rows) {
      for (Call call : calls) {
        Object[] arguments = call.arguments(row);
        if (arguments != null) {
          byGroup.computeIfAbsent(call.work().group(arguments), s -> new LinkedHashSet<>())
              .add(new Task(call.work(), List.of(arguments)));
        }
      }
    }
    List<Future<?>> running = new ArrayList<>();
    for (Set<Task> tasks : byGroup.values()) {
      running.add(WORKERS.submit(() -> run(tasks)));
    }
    try {
      for (Future<?> future : running) {
        await(future);
      }
    } finally {
      running.forEach(future -> future.cancel(true));
    }
  }

  private void run(Set<Task> tasks) {
    for (Task task : tasks) {
      if (Thread.currentThread().isInterrupted() || isCancelled()) {
        return;
      }
      try {
        task.work().compute(measurements, task.arguments().toArray());
      } catch (Exception e) {
        // Not kept: the projection computes it again and reports it naming its function.
      }
    }
  }

  private void await(Future<?> future) {
    while (true) {
      if (isCancelled()) {
        throw new DicomTable.QueryCancelledException();
      }
      try {
        future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        // Look at the cancel flag again.
      } catch (ExecutionException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DicomTable.QueryCancelledException();
      }
    }
  }

  private boolean isCancelled() {
    return cancelled != null && cancelled.get();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return work -> {
      Thread thread = new Thread(work, "dicomsql-raster-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
