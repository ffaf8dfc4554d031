package dicomsql.engine.index;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The index file: an MVStore holding every table, the state of every file of the data root
 * (size, modification time, and which rows came from it), the facts of each structure set, and
 * a meta map saying which format wrote it and whether it is complete.
 */
final class IndexStore implements AutoCloseable {
  /** Bump when what is stored changes meaning; an index of another format is rebuilt. */
  static final int FORMAT = 6;

  /**
   * {@code files} values: {size, modified, kind, row, first contour row, contour count,
   * change time, inode, 1 to read again, scan error row of an instance or -1}.
   */
  static final int KIND_INSTANCE = 0;
  static final int KIND_ERROR = 1;
  static final int KIND_SKIPPED = 2;
  /** Where an instance also has a scan error (pixel data cut short), its row; else -1. */
  static final int ERROR_ROW = 9;

  private static final int CACHE_MB = 64;
  private static final int BUILD_BUFFER_KB = 64 * 1024;

  private final MVStore store;
  private final boolean firstBuild;
  private final MVMap<String, Object> meta;
  private final MVMap<String, long[]> files;
  private final MVMap<Integer, byte[]> structureSets;
  private final MVMap<Integer, String[]> roiLinks;
  /**
   * The tables opened so far. A table is opened when first asked for, not with the store:
   * opening one reads the first page of each of its maps, and checking the index, planning a
   * refresh or a query over one table needs none or one of them.
   */
  private final Map<String, TableStore> tables = new ConcurrentHashMap<>();

  private IndexStore(MVStore store, boolean firstBuild) {
    this.store = store;
    this.firstBuild = firstBuild;
    this.meta = store.openMap("meta");
    this.files = store.openMap("files", new MVMap.Builder<String, long[]>().singleWriter());
    this.structureSets = store.openMap("structure_set_facts");
    this.roiLinks = store.openMap("roi_links");
  }

  /** A new, empty index file for a first build; it is not complete until marked so. */
  static IndexStore create(Path file) {
    // A large write buffer means fewer intermediate commits, and so fewer pages written twice.
    return over(new MVStore.Builder().fileName(file.toString()).compress()
        .cacheSize(CACHE_MB).autoCommitBufferSize(BUILD_BUFFER_KB).open(), true);
  }

  /** An existing index to refresh: nothing reaches the file before {@link #commit()}. */
  static IndexStore openForUpdate(Path file) {
    return over(new MVStore.Builder().fileName(file.toString()).compress()
        .cacheSize(CACHE_MB).autoCommitDisabled().open(), false);
  }

  /** An existing index to query. */
  static IndexStore openReadOnly(Path file) throws LockedIndexException {
    return over(openReadOnlyStore(file, CACHE_MB), false);
  }

  /**
   * An existing index to read once from start to end, as a refresh's plan reads the file
   * states, or to look at its meta map: no page cache, which would only keep every page read
   * (about 75 MB of decoded states at seed scale) for the collector to copy until closed.
   */
  static IndexStore openToReadOnce(Path file) throws LockedIndexException {
    return over(openReadOnlyStore(file, 0), false);
  }

  /**
   * An existing file opened read-only as an MVStore, which fails as a damaged file does (an
   * {@link MVStoreException}) unless a program holds its lock; {@code cacheMb} 0 caches no
   * pages.
   */
  static MVStore openReadOnlyStore(Path file, int cacheMb) throws LockedIndexException {
    try {
      return new MVStore.Builder().fileName(file.toString()).readOnly()
          .cacheSize(cacheMb).open();
    } catch (MVStoreException e) {
      if (LockedIndexException.isLockOfAnotherProcess(e)) {
        throw new LockedIndexException(file, e);
      }
      throw e;
    }
  }

  /**
   * The index over an open MVStore, which is closed if its maps cannot be opened (a damaged
   * file): left open, it would keep the file locked for as long as this process runs.
   */
  private static IndexStore over(MVStore store, boolean firstBuild) {
    try {
      return new IndexStore(store, firstBuild);
    } catch (RuntimeException e) {
      store.closeImmediately();
      throw e;
    }
  }

  TableStore table(TableDefinition table) {
    return tables.computeIfAbsent(table.name(), name -> open(table));
  }

  private TableStore open(TableDefinition table) {
    TableStore opened = new TableStore(store, meta, table, firstBuild);
    if (table.name().equals(Tables.INSTANCES.name())) {
      opened.usePathsOf(files, state -> state[2] == KIND_INSTANCE ? (int) state[3] : -1);
    } else if (table.name().equals(Tables.SCAN_ERRORS.name())) {
      opened.usePathsOf(files,
          state -> state[2] == KIND_ERROR ? (int) state[3] : (int) state[ERROR_ROW]);
    }
    return opened;
  }

  MVMap<String, long[]> files() {
    return files;
  }

  /**
   * Records a file's state. A first build meets files in path order, so it can append, which
   * skips the search a put makes.
   */
  void putFile(String path, long[] state) {
    if (firstBuild) {
      files.append(path, state);
    } else {
      files.put(path, state);
    }
  }

  MVMap<Integer, byte[]> structureSets() {
    return structureSets;
  }

  /**
   * How each ROI of a structure set (by its instance row) was linked to a series: per ROI the
   * series UID and the rule that found it, kept so that a refresh links again only the ROIs
   * whose referenced images changed.
   */
  MVMap<Integer, String[]> roiLinks() {
    return roiLinks;
  }

  Object meta(String key) {
    return meta.get(key);
  }

  void meta(String key, Object value) {
    meta.put(key, value);
  }

  /** Whether a build finished writing this index, in the format this code reads. */
  boolean isComplete() {
    return Integer.valueOf(FORMAT).equals(meta.get("format"))
        && Boolean.TRUE.equals(meta.get("complete"));
  }

  void commit() {
    store.commit();
  }

  @Override
  public void close() {
    store.close();
  }
}
