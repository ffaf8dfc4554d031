package dicomsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dicomsql.connector.functions.RasterCaches;
import dicomsql.engine.index.IndexProgress;
import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.Meta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Served queries while the index is refreshed in the background, as {@link DicomServer} does it
 * ({@link IndexRefresher} on its own thread, clients' connections with {@code refresh=never}):
 * every answer is the whole index as it was or as it is after the refresh, never part of each,
 * and no query or new connection waits for the refresh.
 */
class BackgroundRefreshTest {
  /** Counts from four tables at once: a mix of two versions would not match either. */
  private static final String STATE = "SELECT i.n, s.n, s.total, p.n FROM "
      + "(SELECT COUNT(*) AS n FROM instances) i, "
      + "(SELECT COUNT(*) AS n, SUM(instance_count) AS total FROM series) s, "
      + "(SELECT COUNT(*) AS n FROM patients) p";
  private static final Duration HANG = Duration.ofMinutes(2);

  @TempDir
  Path temp;

  @Test
  void answersTheOldOrTheNewIndexAndNeverWaitsForTheRefresh() throws Exception {
    Path data = temp.resolve("data");
    ServeOptions options = served(data);
    try (IndexRefresher build = new IndexRefresher(options, IndexProgress.NONE)) {
      assertThat(build.refresh(true)).isTrue();
    }
    ServedMeta meta = new ServedMeta(options.driverUrl("never"), new Properties(),
        options.limits(), new RasterCaches(1 << 20));
    CompletableFuture<List<List<Object>>> reading = null;
    AtomicBoolean refreshing = new AtomicBoolean(true);
    PausedRefresh paused = new PausedRefresh();
    try {
      Meta.ConnectionHandle before = connect(meta, "before");
      Meta.StatementHandle prepared = meta.prepare(before, STATE, -1);
      List<Object> old = state(meta, prepared);
      // A new patient with series of its own, in a folder the first walk did not see.
      new DatasetGenerator(new SynthOptions(1, 8, 16, 2, 1)).generate(data.resolve("more"),
          DatasetGenerator.Listener.NONE);

      // Clients keep connecting and asking while the refresh runs, start to end.
      reading = CompletableFuture.supplyAsync(() -> {
        List<List<Object>> seen = new ArrayList<>();
        boolean last = false;
        for (int i = 0; !last; i++) {
          // The last connection is opened once the refresh is over.
          last = !refreshing.get();
          Meta.ConnectionHandle client = connect(meta, "reader-" + i);
          seen.add(state(meta, meta.prepare(client, STATE, -1)));
          meta.closeConnection(client);
        }
        return seen;
      });
      CompletableFuture<Boolean> refresh = CompletableFuture.supplyAsync(() -> {
        try (IndexRefresher refresher = new IndexRefresher(options, paused)) {
          return refresher.refresh(false);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(paused.reached.await(HANG.toMinutes(), TimeUnit.MINUTES)).isTrue();

      // Halfway through writing the new version: open connections and new ones answer at once,
      // from the old version.
      Meta.ConnectionHandle during = assertTimeoutPreemptively(HANG, () -> {
        assertThat(state(meta, prepared)).isEqualTo(old);
        Meta.ConnectionHandle opened = connect(meta, "during");
        assertThat(state(meta, meta.prepare(opened, STATE, -1))).isEqualTo(old);
        return opened;
      });
      paused.resume.countDown();
      assertThat(refresh.get(HANG.toMinutes(), TimeUnit.MINUTES)).isTrue();
      refreshing.set(false);

      Meta.ConnectionHandle after = connect(meta, "after");
      List<Object> now = state(meta, meta.prepare(after, STATE, -1));
      assertThat(now).isNotEqualTo(old);
      // Connections keep the version they opened; their answers agree with each other.
      assertThat(state(meta, prepared)).isEqualTo(old);
      assertThat(state(meta, meta.prepare(during, STATE, -1))).isEqualTo(old);
      List<List<Object>> seen = reading.get(HANG.toMinutes(), TimeUnit.MINUTES);
      assertThat(seen).isNotEmpty().allSatisfy(answer -> assertThat(answer).isIn(old, now));
      assertThat(seen.get(seen.size() - 1)).isEqualTo(now);
    } finally {
      refreshing.set(false);
      paused.resume.countDown();
      if (reading != null) {
        reading.handle((seen, failure) -> null).get(HANG.toMinutes(), TimeUnit.MINUTES);
      }
      meta.close();
    }
  }

  /**
   * The server keeps the newest version open ({@link IndexRefresher}), so that a client
   * connecting during a refresh when no other client is connected answers at once too: with
   * nothing open in the process, opening the index file would wait for the refresh to end.
   */
  @Test
  void aClientConnectingDuringARefreshWhileNoneIsConnectedAnswersAtOnce() throws Exception {
    Path data = temp.resolve("data");
    ServeOptions options = served(data);
    PausedRefresh paused = new PausedRefresh();
    paused.armed = false;
    IndexRefresher refresher = new IndexRefresher(options, paused);
    ServedMeta meta = new ServedMeta(options.driverUrl("never"), new Properties(),
        options.limits(), new RasterCaches(1 << 20));
    try {
      assertThat(refresher.refresh(true)).isTrue();
      Meta.ConnectionHandle before = connect(meta, "before");
      List<Object> old = state(meta, meta.prepare(before, STATE, -1));
      meta.closeConnection(before);
      new DatasetGenerator(new SynthOptions(1, 8, 16, 2, 1)).generate(data.resolve("more"),
          DatasetGenerator.Listener.NONE);
      paused.armed = true;
      CompletableFuture<Boolean> refresh = CompletableFuture.supplyAsync(() -> {
        try {
          return refresher.refresh(false);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(paused.reached.await(HANG.toMinutes(), TimeUnit.MINUTES)).isTrue();

      assertTimeoutPreemptively(HANG, () -> assertThat(state(meta,
          meta.prepare(connect(meta, "during"), STATE, -1))).isEqualTo(old));
      paused.resume.countDown();
      assertThat(refresh.get(HANG.toMinutes(), TimeUnit.MINUTES)).isTrue();
      assertThat(state(meta, meta.prepare(connect(meta, "after"), STATE, -1)))
          .isNotEqualTo(old);
    } finally {
      paused.resume.countDown();
      meta.close();
      refresher.close();
    }
  }

  /** A generated patient in {@code data}, served with an index beside it. */
  private ServeOptions served(Path data) throws Exception {
    new DatasetGenerator(new SynthOptions(1, 7, 16, 2, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    return new ServeOptions(data, temp.resolve("index"), "127.0.0.1", 0, null, null, null,
        new StatementLimits(Duration.ZERO, 0), Duration.ofMinutes(10), Duration.ZERO,
        Duration.ofSeconds(1), 1 << 20);
  }

  private static Meta.ConnectionHandle connect(ServedMeta meta, String id) {
    Meta.ConnectionHandle handle = new Meta.ConnectionHandle(id);
    meta.openConnection(handle, Map.of());
    return handle;
  }

  /** The one row a run of the prepared {@link #STATE} answers, through Avatica's handler. */
  private static List<Object> state(ServedMeta meta, Meta.StatementHandle statement) {
    return ServedAnswers.rows(meta, statement, List.of()).get(0);
  }

  /** A refresh that stops when it has read the files, until it is told to go on. */
  private static final class PausedRefresh implements IndexProgress {
    final CountDownLatch reached = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);
    /** Whether it stops: not while the index is first built. */
    volatile boolean armed = true;

    @Override
    public void reading(long files, long bytes) {}

    @Override
    public void read(long bytes, boolean failed) {}

    @Override
    public void deriving() {
      if (!armed) {
        return;
      }
      reached.countDown();
      try {
        resume.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
