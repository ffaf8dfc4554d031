package dicomsql.engine.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStoreException;

/**
 * One committed version of an index file, open read-only for queries and shared by the handles
 * of this process that opened it. Every write replaces the file (a new file renamed into
 * place), so a version stays readable, unchanged, for as long as a handle uses it, and a newer
 * one is told apart by the file's identity (its inode).
 */
final class IndexGeneration implements AutoCloseable {
  private static final AtomicLong OPENED = new AtomicLong();

  /** Tells this open version apart from every other one this process opens. */
  final long id = OPENED.incrementAndGet();
  final Path file;
  final IndexStore store;
  /** The tables opened so far: each is opened by the first query that reads it. */
  private final Map<String, IndexTable> tables = new ConcurrentHashMap<>();
  private final IndexFolder folder;
  private final Object identity;
  private final Object root;
  int users;

  private IndexGeneration(IndexFolder folder, IndexStore store, Object identity) {
    this.folder = folder;
    this.file = folder.store();
    this.store = store;
    this.identity = identity;
    this.root = store.meta("root");
  }

  /** A table by name ({@code instances}, {@code rois}, ...), or null when there is none. */
  IndexTable table(String name) {
    for (TableDefinition table : Tables.ALL) {
      if (table.name().equals(name)) {
        return tables.computeIfAbsent(name, n -> new IndexTable(open(table), this::damaged));
      }
    }
    return null;
  }

  private TableStore open(TableDefinition table) {
    try {
      return store.table(table);
    } catch (MVStoreException e) {
      throw damaged(e);
    }
  }

  /**
   * Opens the version the folder's index file holds now. Should another process replace the
   * file while it is being opened, the newer one is opened instead.
   */
  static IndexGeneration open(IndexFolder folder) throws IOException {
    Path file = folder.store();
    while (true) {
      Object before = identity(file);
      IndexStore store = IndexStore.openReadOnly(file);
      if (before.equals(identity(file))) {
        return new IndexGeneration(folder, store, before);
      }
      store.close();
    }
  }

  /**
   * A page that cannot be read: the index is marked so that the next open builds it again, and
   * the query fails saying so.
   */
  private RuntimeException damaged(MVStoreException e) {
    folder.markDamaged();
    return new UncheckedIOException(new IOException("the index " + file + " is damaged ("
        + e.getMessage() + "); the next query builds it again, or run: dicomsql index "
        + root + " --index " + folder.path + " --rebuild", e));
  }

  /** Whether the file still holds this version (no other process has replaced it since). */
  boolean isCurrent() {
    try {
      return identity.equals(identity(file));
    } catch (IOException e) {
      return false;
    }
  }

  /** The inode where the file system has one, else modification time and size. */
  private static Object identity(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    Object key = attributes.fileKey();
    return key != null ? key : attributes.lastModifiedTime().toMillis() + "/" + attributes.size();
  }

  @Override
  public void close() {
    store.close();
  }
}
