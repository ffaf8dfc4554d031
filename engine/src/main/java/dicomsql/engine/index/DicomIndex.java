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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.h2.mvstore.MVStoreException;

/**
 * The index of one data root, open for queries. Opening builds it when there is none (or it is
 * incomplete, of an older format, or of another root) and, with refresh AUTO, brings it up to
 * date first. Writers take {@code index.lock} in the index folder, so two processes never write
 * at once; a first build writes {@code index.building.mv.db} and renames it into place only when
 * complete, so a killed build never leaves a half-written index that reads as complete.
 * Within one process an index folder is opened once and shared by every handle on it.
 */
public final class DicomIndex implements AutoCloseable {
  static final String STORE = "index.mv.db";
  static final String BUILDING = "index.building.mv.db";
  static final String LOCK = "index.lock";
  /** A refresh touching more files than this (and than a quarter of them) rebuilds instead. */
  private static final int MAX_INCREMENTAL = 20_000;
  private static final long LOCKED_RETRY_MILLIS = 120_000;

  /** Index folders open in this process, with how many handles use each. */
  private static final Map<Path, Shared> OPEN = new HashMap<>();

  /** One open store and the tables over it, shared by the handles on one folder. */
  private static final class Shared {
    final IndexStore store;
    final Map<String, IndexTable> tables = new LinkedHashMap<>();
    int users;

    Shared(IndexStore store) {
      this.store = store;
      for (TableDefinition table : Tables.ALL) {
        tables.put(table.name(), new IndexTable(store.table(table)));
      }
    }
  }

  private final Path root;
  private final Path folder;
  private final Shared shared;
  private final IndexUpdate update;
  private boolean closed;

  private DicomIndex(Path root, Path folder, Shared shared, IndexUpdate update) {
    this.root = root;
    this.folder = folder;
    this.shared = shared;
    this.update = update;
  }

  /** Opens (building or refreshing as needed) the index of a data root. */
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
    synchronized (OPEN) {
      Shared shared = OPEN.get(folder);
      if (shared != null) {
        shared.users++;
        return new DicomIndex(root, folder, shared, new IndexUpdate(
            IndexUpdate.Kind.NOT_REFRESHED, 0, seconds(started),
            "the index is already open in this process; using it as it is"));
      }
      // Opening is serialized in the process: file locks cannot be shared between threads.
      IndexUpdate update = update(root, folder, builder, options.refresh(), started);
      shared = new Shared(openForQueries(folder.resolve(STORE)));
      shared.users = 1;
      OPEN.put(folder, shared);
      return new DicomIndex(root, folder, shared, update);
    }
  }

  private static IndexUpdate update(Path root, Path folder, IndexBuilder builder,
      IndexOptions.Refresh refresh, long started) throws IOException {
    Path storeFile = folder.resolve(STORE);
    if (refresh == IndexOptions.Refresh.NEVER && isCompleteIndexOf(storeFile, root)) {
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
      return updateLocked(root, folder, storeFile, builder, refresh, started);
    }
  }

  private static IndexUpdate cannotWrite(Path folder, Path storeFile, Exception cause,
      long started) throws IOException {
    if (Files.exists(storeFile)) {
      return new IndexUpdate(IndexUpdate.Kind.NOT_REFRESHED, 0, seconds(started),
          "the index folder " + folder + " cannot be written; using the index as it is");
    }
    throw new IOException("no index in " + folder + " and it cannot be written ("
        + cause.getMessage() + "); choose another index folder", cause);
  }

  /**
   * Under the lock: plans the refresh on a read-only view (so an unchanged tree writes nothing
   * and needs no exclusive access), then patches the store in place, or builds it anew when it
   * is missing, incomplete, of another root, or too much has changed to be worth patching.
   */
  private static IndexUpdate updateLocked(Path root, Path folder, Path storeFile,
      IndexBuilder builder, IndexOptions.Refresh refresh, long started) throws IOException {
    IndexBuilder.Plan plan = Files.exists(storeFile) && refresh != IndexOptions.Refresh.REBUILD
        ? plan(storeFile, root, builder) : null;
    if (plan != null) {
      IndexBuilder.Changes changes = plan.changes();
      if (!changes.any()) {
        return new IndexUpdate(IndexUpdate.Kind.UNCHANGED, 0, seconds(started), null);
      }
      if (changes.files() <= Math.max(MAX_INCREMENTAL, plan.knownFiles() / 4)) {
        IndexStore store;
        try {
          store = IndexStore.openForUpdate(storeFile);
        } catch (MVStoreException e) {
          return new IndexUpdate(IndexUpdate.Kind.NOT_REFRESHED, 0, seconds(started),
              "the index is open in another process; using it as it is");
        }
        try {
          builder.refresh(store, plan);
        } catch (Throwable e) {
          // Closing an MVStore writes what is pending: drop it first so a failed refresh
          // leaves the last committed index as it was.
          store.rollback();
          throw e;
        } finally {
          store.close();
        }
        return new IndexUpdate(IndexUpdate.Kind.REFRESHED, changes.files(), seconds(started),
            null);
      }
    }
    buildInto(folder, storeFile, builder);
    return new IndexUpdate(IndexUpdate.Kind.BUILT, 0, seconds(started), null);
  }

  /** The refresh plan of a usable index, or null when it has to be built again. */
  private static IndexBuilder.Plan plan(Path storeFile, Path root, IndexBuilder builder)
      throws IOException {
    try (IndexStore store = IndexStore.openReadOnly(storeFile)) {
      if (!store.isComplete() || !root.toString().equals(store.meta("root"))) {
        return null;
      }
      return builder.plan(store);
    } catch (MVStoreException e) {
      return null;
    }
  }

  /** A first build, written beside the index and moved into place only once complete. */
  private static void buildInto(Path folder, Path storeFile, IndexBuilder builder)
      throws IOException {
    Path building = folder.resolve(BUILDING);
    Files.deleteIfExists(building);
    try (IndexStore store = IndexStore.create(building)) {
      builder.build(store);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(building);
      throw e;
    }
    Files.move(building, storeFile, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean isCompleteIndexOf(Path storeFile, Path root) {
    if (!Files.exists(storeFile)) {
      return false;
    }
    try (IndexStore store = IndexStore.openReadOnly(storeFile)) {
      return store.isComplete() && root.toString().equals(store.meta("root"));
    } catch (MVStoreException e) {
      return false;
    }
  }

  /** Opens read-only, waiting while another process holds the file for writing. */
  private static IndexStore openForQueries(Path storeFile) throws IOException {
    long deadline = System.currentTimeMillis() + LOCKED_RETRY_MILLIS;
    while (true) {
      try {
        IndexStore store = IndexStore.openReadOnly(storeFile);
        if (!store.isComplete()) {
          store.close();
          throw new IOException("the index " + storeFile + " is incomplete; open it with "
              + "refresh=auto to rebuild it");
        }
        return store;
      } catch (MVStoreException e) {
        if (!isLocked(e) || System.currentTimeMillis() > deadline) {
          throw new IOException("cannot open the index " + storeFile + ": " + e.getMessage(), e);
        }
        sleep();
      }
    }
  }

  private static boolean isLocked(MVStoreException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return message.contains("locked");
  }

  private static void sleep() throws IOException {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the index", e);
    }
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  /** A table by name ({@code instances}, {@code rois}, ...), or null. */
  public IndexTable table(String name) {
    return shared.tables.get(name);
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

  /** Lets go of this handle; the store closes with the last handle on it. */
  @Override
  public void close() {
    synchronized (OPEN) {
      if (closed) {
        return;
      }
      closed = true;
      if (--shared.users == 0) {
        shared.store.close();
        OPEN.remove(folder);
      }
    }
  }
}
