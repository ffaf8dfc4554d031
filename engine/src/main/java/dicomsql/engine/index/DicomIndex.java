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
 */
public final class DicomIndex implements AutoCloseable {
  static final String STORE = "index.mv.db";
  static final String BUILDING = "index.building.mv.db";
  static final String LOCK = "index.lock";
  /** A refresh touching more files than this (and than a quarter of them) rebuilds instead. */
  private static final int MAX_INCREMENTAL = 20_000;
  private static final long LOCKED_RETRY_MILLIS = 120_000;

  private final Path root;
  private final Path folder;
  private final IndexStore store;
  private final IndexUpdate update;
  private final Map<String, IndexTable> tables = new LinkedHashMap<>();

  private DicomIndex(Path root, Path folder, IndexStore store, IndexUpdate update) {
    this.root = root;
    this.folder = folder;
    this.store = store;
    this.update = update;
    for (TableDefinition table : Tables.ALL) {
      tables.put(table.name(), new IndexTable(store.table(table)));
    }
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
    IndexBuilder builder = new IndexBuilder(root, new PhaseRules(keywords),
        keywords.fingerprint(), options.threads(), options.progress());
    long started = System.nanoTime();
    IndexUpdate update = update(root, folder, builder, options.refresh(), started);
    return new DicomIndex(root, folder, openForQueries(folder.resolve(STORE)), update);
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
      return updateLocked(root, folder, storeFile, builder, started);
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

  private static IndexUpdate updateLocked(Path root, Path folder, Path storeFile,
      IndexBuilder builder, long started) throws IOException {
    if (Files.exists(storeFile)) {
      IndexStore store;
      try {
        store = IndexStore.openForUpdate(storeFile);
      } catch (MVStoreException e) {
        if (isLocked(e)) {
          return new IndexUpdate(IndexUpdate.Kind.NOT_REFRESHED, 0, seconds(started),
              "the index is open in another process; using it as it is");
        }
        store = null;
      }
      if (store != null) {
        IndexUpdate refreshed = refresh(store, root, builder, started);
        if (refreshed != null) {
          return refreshed;
        }
      }
    }
    buildInto(folder, storeFile, builder);
    return new IndexUpdate(IndexUpdate.Kind.BUILT, 0, seconds(started), null);
  }

  /**
   * Refreshes a store in place, or returns null (having changed nothing) when it must be built
   * again: incomplete, of another root, or with too much changed to be worth patching.
   */
  private static IndexUpdate refresh(IndexStore store, Path root, IndexBuilder builder,
      long started) throws IOException {
    try (store) {
      if (!store.isComplete() || !root.toString().equals(store.meta("root"))) {
        return null;
      }
      IndexBuilder.Plan plan = builder.plan(store);
      IndexBuilder.Changes changes = plan.changes();
      if (!changes.any()) {
        return new IndexUpdate(IndexUpdate.Kind.UNCHANGED, 0, seconds(started), null);
      }
      if (changes.files() > Math.max(MAX_INCREMENTAL, store.files().size() / 4)) {
        return null;
      }
      try {
        builder.refresh(store, plan);
      } catch (IOException | RuntimeException e) {
        store.rollback();
        throw e;
      }
      return new IndexUpdate(IndexUpdate.Kind.REFRESHED, changes.files(), seconds(started),
          null);
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
    return tables.get(name);
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

  @Override
  public void close() {
    store.close();
  }
}
