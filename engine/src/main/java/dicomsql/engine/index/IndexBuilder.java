package dicomsql.engine.index;

import dicomsql.engine.phase.PhaseRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Fills an index from a data root: a first build reads every file; a refresh stats the tree,
 * reads only new and changed files (size or modification time differ), drops the rows of
 * deleted ones, and derives again what they touched. Files are read in parallel and written in
 * path order, so a build gives the same row ids every time.
 */
final class IndexBuilder {
  /** What a refresh found. */
  record Changes(int added, int changed, int deleted, boolean rulesChanged) {
    boolean any() {
      return added + changed + deleted > 0 || rulesChanged;
    }

    int files() {
      return added + changed + deleted;
    }
  }

  private static final TableDefinition I = Tables.INSTANCES;
  private static final int SOP_UID = I.indexOf("sop_uid");
  private static final int SERIES_UID = I.indexOf("series_uid");
  private static final int IN_FLIGHT_PER_THREAD = 256;
  /** Positions in a file's state ({@link IndexStore#files()}) that a refresh compares. */
  private static final int SIZE = 0;
  private static final int MODIFIED = 1;
  private static final int CHANGED = 6;
  private static final int INODE = 7;
  /** 1 when reading the file gave an I/O error, to try again on every refresh. */
  private static final int RETRY = 8;

  private final Path root;
  private final PhaseRules rules;
  private final String rulesFingerprint;
  private final int threads;
  private final IndexProgress progress;

  IndexBuilder(Path root, PhaseRules rules, String rulesFingerprint, int threads,
      IndexProgress progress) {
    this.root = root;
    this.rules = rules;
    this.rulesFingerprint = rulesFingerprint;
    this.threads = threads;
    this.progress = progress;
  }

  /** Reads the whole data root into a new, empty store and marks it complete. */
  void build(IndexStore store) throws IOException {
    Map<String, SeriesAccumulator> series = new HashMap<>();
    // The series of each instance, by its SOP Instance UID: what linking the ROIs would
    // otherwise look up in the index just written, one page read and decoded per image.
    DerivedTables.Scanned gathered = new DerivedTables.Scanned(new HashMap<>(), new HashMap<>());
    InstanceCopies copies = new InstanceCopies(store);
    // Files come in path order, so the first copy met is the instance and none is demoted.
    // The walk's list is held by the scan alone, which lets go of each file once stored.
    scan(DataRootWalker.walk(root, threads), (file, scanned) -> {
      int id = ingest(store, copies, file, scanned, demoted -> { });
      Object[] instance = scanned.instance();
      if (id >= 0 && !InstanceCopies.isCopy(instance)) {
        SeriesAccumulator accumulator = series.computeIfAbsent(
            (String) instance[SERIES_UID], s -> new SeriesAccumulator());
        accumulator.add(instance);
        if (instance[SOP_UID] != null && instance[SERIES_UID] != null) {
          gathered.seriesOfSop().put((String) instance[SOP_UID], accumulator);
        }
        if (scanned.structureSet() != null) {
          gathered.structureSetInstances().put(id, instance);
        }
      }
    });
    finishAndDerive(store, series, Set.of(), true, gathered);
  }

  /** What a refresh would read and drop, worked out before anything is changed. */
  static final class Plan {
    private final List<DataRootWalker.Found> toRead = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private int added;
    private int changed;
    private int known;
    private boolean rulesChanged;

    Changes changes() {
      return new Changes(added, changed, deleted.size(), rulesChanged);
    }

    /** How many files the index knew before. */
    int knownFiles() {
      return known;
    }
  }

  /**
   * Compares the data root with the store's file states: both are in path order, so one pass
   * over each finds the new, changed and deleted files. The walk's list is cut into one range
   * of paths a thread, each compared with the stored states of its range: reading the states
   * (437,509 at seed scale, their pages inflated and decoded) took a third of a refresh with
   * nothing changed, on one thread while the other core had nothing to do.
   */
  Plan plan(IndexStore store) throws IOException {
    List<DataRootWalker.Found> found = DataRootWalker.walk(root, threads);
    MVMap<String, long[]> states = store.files();
    int parts = Math.max(1, Math.min(threads, found.size()));
    Plan plan = new Plan();
    for (Plan part : Parallel.run("dicomsql-plan", parts, part -> compare(found,
        (int) ((long) found.size() * part / parts),
        (int) ((long) found.size() * (part + 1) / parts), states))) {
      plan.toRead.addAll(part.toRead);
      plan.deleted.addAll(part.deleted);
      plan.added += part.added;
      plan.changed += part.changed;
    }
    plan.known = states.size();
    plan.rulesChanged = !rulesFingerprint.equals(store.meta("rules"));
    return plan;
  }

  /**
   * Compares the walk's files {@code from} to {@code to} with the stored states from the first
   * of them (from the first state of all for the first range) to the first file of the next
   * range, so that the ranges together meet every state once.
   */
  private static Plan compare(List<DataRootWalker.Found> found, int from, int to,
      MVMap<String, long[]> states) {
    Plan plan = new Plan();
    String end = to < found.size() ? found.get(to).path() : null;
    Cursor<String, long[]> known = states.cursor(from == 0 ? null : found.get(from).path());
    String next = nextKnown(known, end);
    for (DataRootWalker.Found file : found.subList(from, to)) {
      while (next != null && next.compareTo(file.path()) < 0) {
        plan.deleted.add(next);
        next = nextKnown(known, end);
      }
      if (next == null || !next.equals(file.path())) {
        plan.added++;
        plan.toRead.add(file);
        continue;
      }
      if (file.error() != null || hasChanged(known.getValue(), file)) {
        plan.changed++;
        plan.toRead.add(file);
      }
      next = nextKnown(known, end);
    }
    while (next != null) {
      plan.deleted.add(next);
      next = nextKnown(known, end);
    }
    return plan;
  }

  /** The stored path after the cursor's, if it comes before {@code end} (null: no end). */
  private static String nextKnown(Cursor<String, long[]> known, String end) {
    if (!known.hasNext()) {
      return null;
    }
    String path = known.next();
    return end == null || path.compareTo(end) < 0 ? path : null;
  }

  /**
   * Whether a file differs from its stored state in size, modification or change time, or
   * inode (git's test: an in-place edit put back with {@code touch -r}, or a {@code chmod},
   * changes the change time), or gave an I/O error last time, which may have passed.
   */
  private static boolean hasChanged(long[] state, DataRootWalker.Found file) {
    return state[SIZE] != file.size() || state[MODIFIED] != file.modified()
        || state[CHANGED] != file.changed() || state[INODE] != file.inode()
        || state[RETRY] != 0;
  }

  /** Applies a plan: drops, reads and derives again what changed, then commits. */
  void refresh(IndexStore store, Plan plan) throws IOException {
    Set<String> affected = new HashSet<>();
    Set<String> changedSops = new HashSet<>();
    Set<String> orphaned = new HashSet<>();
    for (String path : plan.deleted) {
      forget(store, path, affected, changedSops, orphaned);
    }
    for (DataRootWalker.Found file : plan.toRead) {
      forget(store, file.path(), affected, changedSops, orphaned);
    }
    List<DataRootWalker.Found> toRead = new ArrayList<>(plan.toRead);
    toRead.addAll(successors(store, orphaned, affected, changedSops));
    toRead.sort(Comparator.comparing(DataRootWalker.Found::path));
    InstanceCopies copies = new InstanceCopies(store);
    scan(toRead, (file, scanned) -> {
      Object[] instance = ingest(store, copies, file, scanned, affected::add) < 0 ? null
          : scanned.instance();
      if (instance != null) {
        affected.add((String) instance[SERIES_UID]);
        changedSops.add((String) instance[SOP_UID]);
      }
    });
    Map<String, SeriesAccumulator> series = new HashMap<>();
    TableStore instances = store.table(I);
    for (String uid : affected) {
      RoaringBitmap rows = InstanceCopies.withoutCopies(instances,
          uid == null ? instances.nulls(SERIES_UID) : instances.equal(SERIES_UID, uid));
      SeriesAccumulator accumulator = null;
      for (int id : rows) {
        if (accumulator == null) {
          accumulator = new SeriesAccumulator();
        }
        accumulator.add(instances.get(id));
      }
      series.put(uid, accumulator);
    }
    finishAndDerive(store, series, changedSops, plan.rulesChanged, null);
  }

  /**
   * Writes what the scan gathered and derives the other tables; {@code scanned} is what a first
   * build's scan gathered for the derivations (null: looked up in the index).
   */
  private void finishAndDerive(IndexStore store, Map<String, SeriesAccumulator> series,
      Set<String> changedSops, boolean allPhases, DerivedTables.Scanned scanned) {
    progress.deriving();
    TableStore instances = store.table(Tables.INSTANCES);
    Runnable derive = () -> {
      store.table(Tables.CONTOURS).finish();
      store.table(Tables.SCAN_ERRORS).finish();
      new DerivedTables(store, rules).update(series, changedSops, allPhases, scanned);
    };
    if (scanned == null) {
      instances.finish();
      derive.run();
    } else {
      // A first build's derivations read no value map of the instances (the series of every
      // image came with the scan), so those maps are sorted and written on the other core
      // meanwhile, and on this one too once the derivations are done.
      Queue<Runnable> steps = new ConcurrentLinkedQueue<>(instances.finishingSteps());
      Parallel.run("dicomsql-write", 2, part -> {
        if (part == 0) {
          derive.run();
        }
        for (Runnable step = steps.poll(); step != null; step = steps.poll()) {
          step.run();
        }
        return null;
      });
      instances.finishStatistics();
    }
    store.meta("format", IndexStore.FORMAT);
    store.meta("root", root.toString());
    store.meta("rules", rulesFingerprint);
    store.meta("complete", Boolean.TRUE);
    store.commit();
  }

  /**
   * The copies that become instances because the instance of their SOP Instance UID is gone
   * (the smallest path of each): forgotten here, to be read again, since a copy keeps no
   * structure set or contours of its own.
   */
  private List<DataRootWalker.Found> successors(IndexStore store, Set<String> orphaned,
      Set<String> affected, Set<String> changedSops) {
    InstanceCopies copies = new InstanceCopies(store);
    List<DataRootWalker.Found> successors = new ArrayList<>();
    for (String sop : orphaned) {
      String successor = copies.successor(sop);
      if (successor != null) {
        long[] state = store.files().get(successor);
        forget(store, successor, affected, changedSops, new HashSet<>());
        successors.add(new DataRootWalker.Found(successor, state[SIZE], state[MODIFIED],
            state[CHANGED], state[INODE], null));
      }
    }
    return successors;
  }

  /**
   * Removes every row that came from a file, noting its series and SOP Instance UID, and the
   * latter in {@code orphaned} too when the file was the instance of its copies.
   */
  private static void forget(IndexStore store, String path, Set<String> affected,
      Set<String> changedSops, Set<String> orphaned) {
    long[] state = store.files().remove(path);
    if (state == null) {
      return;
    }
    int row = (int) state[3];
    if (state[2] == IndexStore.KIND_INSTANCE) {
      TableStore instances = store.table(I);
      Object[] instance = instances.get(row);
      if (instance != null) {
        affected.add((String) instance[SERIES_UID]);
        changedSops.add((String) instance[SOP_UID]);
        if (!InstanceCopies.isCopy(instance) && instance[SOP_UID] != null) {
          orphaned.add((String) instance[SOP_UID]);
        }
      }
      instances.remove(row);
      store.structureSets().remove(row);
      store.roiLinks().remove(row);
      TableStore contours = store.table(Tables.CONTOURS);
      for (long id = state[4]; id >= 0 && id < state[4] + state[5]; id++) {
        contours.remove((int) id);
      }
      if (state[IndexStore.ERROR_ROW] >= 0) {
        store.table(Tables.SCAN_ERRORS).remove((int) state[IndexStore.ERROR_ROW]);
      }
    } else if (state[2] == IndexStore.KIND_ERROR) {
      store.table(Tables.SCAN_ERRORS).remove(row);
    }
  }

  /**
   * Stores what scanning a file gave; returns the row id of its instance row, or -1 when it has
   * none. A copy of another file's instance is stored as such ({@link InstanceCopies}); the
   * series of an instance it displaces goes to {@code demotedSeries}.
   */
  private static int ingest(IndexStore store, InstanceCopies copies,
      DataRootWalker.Found file, ScannedFile scanned, Consumer<String> demotedSeries) {
    long[] state = {file.size(), file.modified(), IndexStore.KIND_SKIPPED, -1, -1, 0,
        file.changed(), file.inode(), scanned.ioError() ? 1 : 0, -1};
    int error = scanned.error() == null ? -1 : store.table(Tables.SCAN_ERRORS).add(
        new Object[] {scanned.path(), scanned.error(), scanned.size()});
    if (scanned.instance() == null) {
      if (error >= 0) {
        state[2] = IndexStore.KIND_ERROR;
        state[3] = error;
      }
    } else {
      state[2] = IndexStore.KIND_INSTANCE;
      state[IndexStore.ERROR_ROW] = error;
      Object[] row = scanned.instance();
      String instance = copies.instanceFor(scanned.path(),
          (String) row[SOP_UID], demotedSeries);
      if (instance != null) {
        row[InstanceCopies.DUPLICATE_OF] = instance;
        state[3] = store.table(I).add(row);
        store.putFile(scanned.path(), state);
        return (int) state[3];
      }
      int id = store.table(I).add(row, scanned.encodedInstance());
      state[3] = id;
      if (scanned.structureSet() != null) {
        store.structureSets().put(id, scanned.structureSet().encode());
      }
      TableStore contours = store.table(Tables.CONTOURS);
      for (int k = 0; k < scanned.contours().size(); k++) {
        int contourId = contours.add(scanned.contours().get(k), scanned.encodedContours().get(k));
        if (state[4] < 0) {
          state[4] = contourId;
        }
        state[5]++;
      }
    }
    store.putFile(scanned.path(), state);
    return scanned.instance() == null ? -1 : (int) state[3];
  }

  /** A consumer of scanned files that runs on the calling thread. */
  private interface Sink {
    void accept(DataRootWalker.Found file, ScannedFile scanned);
  }

  /**
   * Reads files on the worker threads and hands them to the sink in the order given. Each entry
   * of {@code files} is set to null once delivered: a first build's list is the whole walk
   * (about 130 MB at seed scale, 300 bytes a file), which would otherwise stay live, and be
   * marked and copied by the collector, through the scan and the derivations after it.
   */
  private void scan(List<DataRootWalker.Found> files, Sink sink) throws IOException {
    long bytes = 0;
    for (DataRootWalker.Found file : files) {
      bytes += file.size();
    }
    progress.reading(files.size(), bytes);
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "dicomsql-scan");
      thread.setDaemon(true);
      return thread;
    });
    ArrayDeque<Future<ScannedFile>> inFlight = new ArrayDeque<>();
    int delivered = 0;
    try {
      for (DataRootWalker.Found file : files) {
        inFlight.add(pool.submit(() -> FileScanner.scan(file.file(root), file.path(),
            file.size(), file.modified(), file.error())));
        if (inFlight.size() >= threads * IN_FLIGHT_PER_THREAD) {
          deliver(files.set(delivered++, null), inFlight.poll(), sink);
        }
      }
      while (!inFlight.isEmpty()) {
        deliver(files.set(delivered++, null), inFlight.poll(), sink);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("indexing was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading a file failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void deliver(DataRootWalker.Found file, Future<ScannedFile> future, Sink sink)
      throws InterruptedException, ExecutionException {
    ScannedFile scanned = future.get();
    sink.accept(file, scanned);
    progress.read(scanned.size(), scanned.error() != null);
  }
}
