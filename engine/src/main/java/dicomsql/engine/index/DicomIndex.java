package dicomsql.engine.index;

import dicomsql.engine.phase.PhaseKeywords;
import dicomsql.engine.phase.PhaseRules;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.h2.mvstore.MVStoreException;

/**
 * The index of one data root, open for queries. Opening builds it when there is none (or it is
 * incomplete, of an older format, or of another root) and, with refresh AUTO, brings it up to
 * date first. Writers take {@code index.lock} in the index folder, so two processes never write
 * at once, and never write the index file in place: a build or refresh writes
 * {@code index.building.mv.db} (a refresh starts from a copy) and renames it into place only
 * when complete. So a killed writer never leaves a half-written index, and readers, in this
 * process or others, keep reading the version they opened while a newer one is made; opening
 * again gives the newest. Within one process a version is opened once and shared by every
 * handle on it.
 */
public final class DicomIndex implements AutoCloseable {
  /** A refresh touching more files than this (and than a quarter of them) rebuilds instead. */
  private static final int MAX_INCREMENTAL = 20_000;

  /** The newest version of each index folder open in this process. */
  private static final Map<Path, IndexGeneration> OPEN = new HashMap<>();
  /**
   * Held while this process writes an index, so that its threads write one at a time (file
   * locks cannot be shared between threads); apart from {@link #OPEN}, so that opening a
   * version to read it never waits for a build or refresh going on.
   */
  private static final Object WRITING = new Object();

  private final Path root;
  private final Path folder;
  private final IndexGeneration generation;
  private final IndexUpdate update;
  private boolean closed;

  private DicomIndex(Path root, Path folder, IndexGeneration generation, IndexUpdate update) {
    this.root = root;
    this.folder = folder;
    this.generation = generation;
    this.update = update;
  }

  /**
   * Opens (building or refreshing as needed) the index of a data root. An index not brought up
   * to date says why in its {@link #update()}, and the options' progress hears it as a notice.
   */
  public static DicomIndex open(Path dataRoot, IndexOptions options) throws IOException {
    Path root = dataRoot.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IOException("data folder " + root + " does not exist or is not a folder");
    }
    IndexFolder folder = new IndexFolder(options.folder() != null ? options.folder()
        : IndexLocation.defaultFor(root));
    folder.requireOutside(root);
    PhaseKeywords keywords = options.phaseRules() == null ? PhaseKeywords.builtIn()
        : PhaseKeywords.load(options.phaseRules());
    PhaseRules rules = new PhaseRules(keywords);
    IndexBuilder builder = new IndexBuilder(root, rules, rules.fingerprint(), options.threads(),
        options.progress());
    long started = System.nanoTime();
    IndexUpdate update = update(root, folder, builder, options, started);
    if (update.kind() == IndexUpdate.Kind.NOT_REFRESHED
        || update.kind() == IndexUpdate.Kind.BUILT && update.note() != null) {
      options.progress().notice(update.kind() == IndexUpdate.Kind.BUILT ? update.note()
          : "the index was not refreshed: " + update.note());
    }
    IndexGeneration newest = hold(folder);
    if (newest == null) {
      // Opening the file: see usable(folder, root).
      synchronized (WRITING) {
        synchronized (OPEN) {
          newest = current(folder);
          if (newest == null) {
            newest = openForQueries(root, folder);
            OPEN.put(folder.path, newest);
          }
          newest.users++;
        }
      }
    }
    return new DicomIndex(root, folder.path, newest, update);
  }

  /** The version of the folder's index this process has open, if it is still the newest. */
  private static IndexGeneration current(IndexFolder folder) {
    synchronized (OPEN) {
      IndexGeneration open = OPEN.get(folder.path);
      return open != null && open.isCurrent() ? open : null;
    }
  }

  /**
   * The version of the folder's index this process has open, if it is still the newest, kept
   * open until {@link #release}d: a writer reads it without holding {@link #OPEN}, while its
   * last reader may let go of it.
   */
  private static IndexGeneration hold(IndexFolder folder) {
    synchronized (OPEN) {
      IndexGeneration open = current(folder);
      if (open != null) {
        open.users++;
      }
      return open;
    }
  }

  private static void release(IndexFolder folder, IndexGeneration held) {
    if (held == null) {
      return;
    }
    synchronized (OPEN) {
      if (--held.users == 0) {
        held.close();
        OPEN.remove(folder.path, held);
      }
    }
  }

  /** Brings the index file up to date, or says why it was not. */
  private static IndexUpdate update(Path root, IndexFolder folder, IndexBuilder builder,
      IndexOptions options, long started) throws IOException {
    // Before anything is created in the folder: a file that is not ours is refused here.
    boolean usable = usable(folder, root);
    if (options.refresh() == IndexOptions.Refresh.NEVER && usable) {
      return new IndexUpdate(IndexUpdate.Kind.UNCHANGED, 0, seconds(started), "refresh=never");
    }
    synchronized (WRITING) {
      return write(root, folder, builder, options, usable, started);
    }
  }

  /**
   * Whether the folder holds a usable index of this root. The version this process has open
   * tells at once, even while a writer works; without one the file itself is opened, and that
   * waits for this process's writer and other openers: file locks cannot be shared between
   * threads, so two threads opening the same file at once would fail.
   */
  private static boolean usable(IndexFolder folder, Path root) throws IOException {
    IndexGeneration held = hold(folder);
    if (held == null) {
      synchronized (WRITING) {
        return usable(folder, hold(folder), root);
      }
    }
    return usable(folder, held, root);
  }

  /** Whether the folder holds a usable index of this root; lets go of {@code held}. */
  private static boolean usable(IndexFolder folder, IndexGeneration held, Path root)
      throws IOException {
    try {
      IndexFolder.Found found = folder.inspect(held);
      return found.state() == IndexFolder.State.USABLE && isIndexOf(folder, held, root);
    } finally {
      release(folder, held);
    }
  }

  /** Takes the writers' lock and brings the index file up to date, or says why it was not. */
  private static IndexUpdate write(Path root, IndexFolder folder, IndexBuilder builder,
      IndexOptions options, boolean usable, long started) throws IOException {
    try {
      folder.create();
    } catch (IOException e) {
      return cannotWrite(folder, usable, e, started);
    }
    WriterLock lock;
    try {
      lock = WriterLock.take(folder, options.lockWait(), options.progress());
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      return cannotWrite(folder, usable, e, started);
    } catch (WriterLock.Held held) {
      if (usable) {
        return new IndexUpdate(IndexUpdate.Kind.NOT_REFRESHED, 0, seconds(started),
            held.getMessage() + "; using the index as it is");
      }
      throw new IOException("no usable index in " + folder.path + " yet: " + held.getMessage()
          + " while writing it; try again once it is done, or end that process", held);
    }
    try (lock) {
      return updateLocked(root, folder, builder, options.refresh(), started);
    } catch (IndexFolder.NoSpace e) {
      if (usable) {
        return new IndexUpdate(IndexUpdate.Kind.NOT_REFRESHED, 0, seconds(started),
            e.getMessage() + "; using the index as it was");
      }
      throw e;
    }
  }

  /**
   * An index folder that cannot be written: its index is used as it is when it is a usable index
   * of this root; otherwise (none, damaged, of another root) there is nothing to answer from.
   */
  private static IndexUpdate cannotWrite(IndexFolder folder, boolean usable, Exception cause,
      long started) throws IOException {
    if (usable) {
      return new IndexUpdate(IndexUpdate.Kind.NOT_REFRESHED, 0, seconds(started),
          "the index folder " + folder.path + " cannot be written (" + cause.getMessage()
          + "); using the index as it is");
    }
    throw new IOException("no usable index in " + folder.path + " and it cannot be written ("
        + cause.getMessage() + "); choose another index folder", cause);
  }

  /**
   * Under the lock (another process may have written the index while this one waited for it):
   * plans the refresh on a read-only view (so an unchanged tree writes nothing), then patches a
   * copy of the store and puts it in place, or builds it anew when it is missing, damaged,
   * incomplete, of another root, or too much has changed to be worth patching.
   */
  private static IndexUpdate updateLocked(Path root, IndexFolder folder, IndexBuilder builder,
      IndexOptions.Refresh refresh, long started) throws IOException {
    IndexGeneration open = hold(folder);
    try {
      return updateLocked(root, folder, builder, refresh, open, started);
    } finally {
      release(folder, open);
    }
  }

  private static IndexUpdate updateLocked(Path root, IndexFolder folder, IndexBuilder builder,
      IndexOptions.Refresh refresh, IndexGeneration open, long started) throws IOException {
    IndexFolder.Found found = folder.inspect(open);
    IndexBuilder.Plan plan = found.state() == IndexFolder.State.USABLE
        && refresh != IndexOptions.Refresh.REBUILD ? plan(folder, root, builder, open) : null;
    if (plan != null) {
      IndexBuilder.Changes changes = plan.changes();
      if (!changes.any()) {
        return new IndexUpdate(IndexUpdate.Kind.UNCHANGED, 0, seconds(started), null);
      }
      if (changes.files() <= Math.max(MAX_INCREMENTAL, plan.knownFiles() / 4)) {
        writeIntoPlace(folder, () -> {
          folder.startBuildingFromIndex();
          try (IndexStore store = IndexStore.openForUpdate(folder.building())) {
            builder.refresh(store, plan);
          }
        });
        return new IndexUpdate(IndexUpdate.Kind.REFRESHED, changes.files(), seconds(started),
            null);
      }
    }
    writeIntoPlace(folder, () -> {
      folder.startBuilding();
      try (IndexStore store = IndexStore.create(folder.building())) {
        builder.build(store);
      }
    });
    return new IndexUpdate(IndexUpdate.Kind.BUILT, 0, seconds(started),
        found.state() == IndexFolder.State.DAMAGED ? "the index " + folder.store()
            + " was damaged (" + found.damage() + "); it was built again" : null);
  }

  /** Writing an index file, which may fail. */
  private interface Write {
    void run() throws IOException;
  }

  /**
   * Writes the building file and puts it in place only once the write is complete; a failed
   * write leaves the index as it was, and a full file system is said as such.
   */
  private static void writeIntoPlace(IndexFolder folder, Write write) throws IOException {
    try {
      write.run();
      folder.commitBuilding();
    } catch (IOException | RuntimeException e) {
      folder.discardBuilding();
      Exception explained = folder.explain(e);
      if (explained instanceof IOException io) {
        throw io;
      }
      throw (RuntimeException) explained;
    }
  }

  /** The refresh plan of a usable index, or null when it has to be built again. */
  private static IndexBuilder.Plan plan(IndexFolder folder, Path root, IndexBuilder builder,
      IndexGeneration open) throws IOException {
    if (open != null) {
      return isIndexOf(open.store, root) ? builder.plan(open.store) : null;
    }
    try (IndexStore store = IndexStore.openToReadOnce(folder.store())) {
      return isIndexOf(store, root) ? builder.plan(store) : null;
    } catch (MVStoreException e) {
      return null;
    }
  }

  /**
   * Whether the folder's usable index file is a complete index of this root; {@code open} is
   * the version of it this process has open, if any.
   */
  private static boolean isIndexOf(IndexFolder folder, IndexGeneration open, Path root)
      throws IOException {
    if (open != null) {
      return isIndexOf(open.store, root);
    }
    try (IndexStore store = IndexStore.openToReadOnce(folder.store())) {
      return isIndexOf(store, root);
    } catch (MVStoreException e) {
      return false;
    }
  }

  private static boolean isIndexOf(IndexStore store, Path root) {
    return store.isComplete() && root.toString().equals(store.meta("root"));
  }

  private static IndexGeneration openForQueries(Path root, IndexFolder folder)
      throws IOException {
    IndexGeneration generation;
    try {
      generation = IndexGeneration.open(folder);
    } catch (RuntimeException e) {
      throw new IOException("cannot read the index " + folder.store() + " (" + e.getMessage()
          + "); build it again: dicomsql index " + root + " --index " + folder.path
          + " --rebuild", e);
    }
    if (!generation.store.isComplete()) {
      generation.close();
      throw new IOException("the index " + folder.store() + " is incomplete; open it with "
          + "refresh=auto to rebuild it");
    }
    return generation;
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  /** A table by name ({@code instances}, {@code rois}, ...), or null. */
  public IndexTable table(String name) {
    return generation.table(name);
  }

  public Path dataRoot() {
    return root;
  }

  public Path folder() {
    return folder;
  }

  /** What opening did: built, refreshed, unchanged, or why it was not refreshed. */
  public IndexUpdate update() {
    return update;
  }

  /**
   * Whether this handle still reads the newest version of the index: false once another
   * process or connection has written a newer one, which a new handle would read.
   */
  public boolean isNewest() {
    return generation.isCurrent();
  }

  /**
   * The version this handle reads, as a number that handles open on it at the same time share
   * and that no other version opened by this process has: what caches of values derived from
   * the index (masks, decoded images) key their entries by, so that connections reading the
   * same version share them and none is served another version's.
   */
  public long version() {
    return generation.id;
  }

  /** Lets go of this handle; the version it read closes with the last handle on it. */
  @Override
  public void close() {
    synchronized (OPEN) {
      if (closed) {
        return;
      }
      closed = true;
      if (--generation.users == 0) {
        generation.close();
        OPEN.remove(folder, generation);
      }
    }
  }
}
