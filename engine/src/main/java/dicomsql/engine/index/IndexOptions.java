package dicomsql.engine.index;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to open an index: where it lives (null: the default per-user folder), whether to bring
 * it up to date with the data root, which phase rules file to use (null: the built-in rules),
 * how many threads read files, who hears about progress, and how long to wait for another
 * process writing the index before answering from it as it is (or failing, when there is none).
 */
public record IndexOptions(Path folder, Refresh refresh, Path phaseRules, int threads,
    IndexProgress progress, Duration lockWait) {
  /** Long enough for a refresh; a first build of a large tree may take longer. */
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);

  /** Whether opening an index first brings it up to date with the data root. */
  public enum Refresh {
    /** Stat the tree; read new and changed files, drop deleted ones. */
    AUTO,
    /** Use the index as it is (building it only if there is none). */
    NEVER,
    /** Read the whole data root again into a new index. */
    REBUILD
  }

  public IndexOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    if (refresh == null) {
      refresh = Refresh.AUTO;
    }
    if (progress == null) {
      progress = IndexProgress.NONE;
    }
    if (lockWait == null) {
      lockWait = DEFAULT_LOCK_WAIT;
    }
  }

  /** The defaults: default folder, refresh on open, built-in rules, a thread per core. */
  public static IndexOptions defaults() {
    return new IndexOptions(null, Refresh.AUTO, null,
        Runtime.getRuntime().availableProcessors(), IndexProgress.NONE, DEFAULT_LOCK_WAIT);
  }

  public IndexOptions withFolder(Path newFolder) {
    return new IndexOptions(newFolder, refresh, phaseRules, threads, progress, lockWait);
  }

  public IndexOptions withRefresh(Refresh newRefresh) {
    return new IndexOptions(folder, newRefresh, phaseRules, threads, progress, lockWait);
  }

  public IndexOptions withPhaseRules(Path newPhaseRules) {
    return new IndexOptions(folder, refresh, newPhaseRules, threads, progress, lockWait);
  }

  public IndexOptions withThreads(int newThreads) {
    return new IndexOptions(folder, refresh, phaseRules, newThreads, progress, lockWait);
  }

  public IndexOptions withProgress(IndexProgress newProgress) {
    return new IndexOptions(folder, refresh, phaseRules, threads, newProgress, lockWait);
  }

  public IndexOptions withLockWait(Duration newLockWait) {
    return new IndexOptions(folder, refresh, phaseRules, threads, progress, newLockWait);
  }
}
