package dicomsql.engine.index;

import dicomsql.engine.phase.PhaseKeywords;
import dicomsql.engine.phase.PhaseRules;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
  static final String STORE = "index.mv.db";
  static final String BUILDING = "index.building.mv.db";
  static final String LOCK = "index.lock";
  /** A refresh touching more files than this (and than a quarter of them) rebuilds instead. */
  private static final int MAX_INCREMENTAL = 20_000;

  /** The newest version of each index folder open in this process. */
  private static final Map<Path, IndexGeneration> OPEN = new HashMap<>();

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
    Path folder = (options.folder() != null ? options.folder()
        : IndexLocation.defaultFor(root)).toAbsolutePath().normalize();
    if (folder.startsWith(root)) {
      throw new IOException("the index folder " + folder + " is inside the data folder, "
          + "which dicomsql never writes to; choose one outside it");
    }
    PhaseKeywords keywords = options.phaseRules() == null ? PhaseKeywords.builtIn()
        : PhaseKeywords.load(options.phaseRules());
    PhaseRules rules = new PhaseRules(keywords);
    IndexBuilder builder = new IndexBuilder(root, rules, rules.fingerprint(), options.threads(),
        options.progress());
    long started = System.nanoTime();
    // Opening is serialized in the process: file locks cannot be shared between threads.
    synchronized (OPEN) {
      IndexGeneration newest = OPEN.get(folder);
      IndexUpdate update = update(root, folder, builder, options.refresh(), started,
          newest != null && newest.isCurrent() ? newest : null);
      if (update.kind() == IndexUpdate.Kind.NOT_REFRESHED) {
        options.progress().notice("the index was not refreshed: " + update.note());
      }
      newest = OPEN.get(folder);
      if (newest == null || !newest.isCurrent()) {
        newest = openForQueries(folder.resolve(STORE));
        OPEN.put(folder, newest);
      }
      newest.users++;
      return new DicomIndex(root, folder, newest, update);
    }
  }

  /**
   * Brings the index file up to date. {@code open} is the version of it this process has open
   * already, if any: it serves for reading what is there, since a file cannot be locked twice
   * in one process.
   */
  private static IndexUpdate update(Path root, Path folder, IndexBuilder builder,
      IndexOptions.Refresh refresh, long started, IndexGeneration open) throws IOException {
    Path storeFile = folder.resolve(STORE);
    if (refresh == IndexOptions.Refresh.NEVER && isCompleteIndexOf(storeFile, root, open)) {
      return new IndexUpdate(IndexUpdate.Kind.UNCHANGED, 0, seconds(started), "refresh=never");
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      return cannotWrite(folder, storeFile, e, started);
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      return cannotWrite(folder, storeFile, e, started);
    }
    try (channel; FileLock lock = channel.lock()) {
      // Another process may have replaced the file while this one waited for the lock.
      return updateLocked(root, folder, storeFile, builder, refresh, started,
          open != null && open.isCurrent() ? open : null);
    }
  }

  private static IndexUpdate cannotWrite(Path folder, Path storeFile, Exception cause,
      long started) throws IOException {
    if (Files.exists(storeFile)) {
      return new IndexUpdate(IndexUpdate.Kind.NOT_REFRESHED, 0, seconds(started),
          "the index folder " + folder + " cannot be written (" + cause.getMessage()
          + "); using the index as it is");
    }
    throw new IOException("no index in " + folder + " and it cannot be written ("
        + cause.getMessage() + "); choose another index folder", cause);
  }

  /**
   * Under the lock: plans the refresh on a read-only view (so an unchanged tree writes nothing),
   * then patches a copy of the store and puts it in place, or builds it anew when it is
   * missing, incomplete, of another root, or too much has changed to be worth patching.
   */
  private static IndexUpdate updateLocked(Path root, Path folder, Path storeFile,
      IndexBuilder builder, IndexOptions.Refresh refresh, long started, IndexGeneration open)
      throws IOException {
    IndexBuilder.Plan plan = Files.exists(storeFile) && refresh != IndexOptions.Refresh.REBUILD
        ? plan(storeFile, root, builder, open) : null;
    if (plan != null) {
      IndexBuilder.Changes changes = plan.changes();
      if (!changes.any()) {
        return new IndexUpdate(IndexUpdate.Kind.UNCHANGED, 0, seconds(started), null);
      }
      if (changes.files() <= Math.max(MAX_INCREMENTAL, plan.knownFiles() / 4)) {
        Path building = folder.resolve(BUILDING);
        Files.copy(storeFile, building, StandardCopyOption.REPLACE_EXISTING);
        writeIntoPlace(building, storeFile, () -> {
          try (IndexStore store = IndexStore.openForUpdate(building)) {
            builder.refresh(store, plan);
          }
        });
        return new IndexUpdate(IndexUpdate.Kind.REFRESHED, changes.files(), seconds(started),
            null);
      }
    }
    Path building = folder.resolve(BUILDING);
    Files.deleteIfExists(building);
    writeIntoPlace(building, storeFile, () -> {
      try (IndexStore store = IndexStore.create(building)) {
        builder.build(store);
      }
    });
    return new IndexUpdate(IndexUpdate.Kind.BUILT, 0, seconds(started), null);
  }

  /** Writing an index file, which may fail. */
  private interface Write {
    void run() throws IOException;
  }

  /** Writes {@code building} and moves it over the index only once the write is complete. */
  private static void writeIntoPlace(Path building, Path storeFile, Write write)
      throws IOException {
    try {
      write.run();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(building);
      throw e;
    }
    Files.move(building, storeFile, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** The refresh plan of a usable index, or null when it has to be built again. */
  private static IndexBuilder.Plan plan(Path storeFile, Path root, IndexBuilder builder,
      IndexGeneration open) throws IOException {
    if (open != null) {
      return isIndexOf(open.store, root) ? builder.plan(open.store) : null;
    }
    try (IndexStore store = IndexStore.openReadOnly(storeFile)) {
      return isIndexOf(store, root) ? builder.plan(store) : null;
    } catch (MVStoreException e) {
      return null;
    }
  }

  private static boolean isCompleteIndexOf(Path storeFile, Path root, IndexGeneration open) {
    if (open != null) {
      return isIndexOf(open.store, root);
    }
    if (!Files.exists(storeFile)) {
      return false;
    }
    try (IndexStore store = IndexStore.openReadOnly(storeFile)) {
      return isIndexOf(store, root);
    } catch (MVStoreException e) {
      return false;
    }
  }

  private static boolean isIndexOf(IndexStore store, Path root) {
    return store.isComplete() && root.toString().equals(store.meta("root"));
  }

  private static IndexGeneration openForQueries(Path storeFile) throws IOException {
    IndexGeneration generation;
    try {
      generation = IndexGeneration.open(storeFile);
    } catch (MVStoreException e) {
      throw new IOException("cannot open the index " + storeFile + ": " + e.getMessage(), e);
    }
    if (!generation.store.isComplete()) {
      generation.close();
      throw new IOException("the index " + storeFile + " is incomplete; open it with "
          + "refresh=auto to rebuild it");
    }
    return generation;
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  /** A table by name ({@code instances}, {@code rois}, ...), or null. */
  public IndexTable table(String name) {
    return generation.tables.get(name);
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
