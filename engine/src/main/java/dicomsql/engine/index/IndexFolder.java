package dicomsql.engine.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * An index folder and the files dicomsql keeps in it: the index, the index being written, the
 * writers' lock, and a check file holding the size and CRC-32C of the index, written with it, so
 * that a damaged index (a truncated or emptied file, pages changed on disk) is known before a
 * query reads it. A file named like the index that dicomsql did not write is never overwritten.
 * An index holds patient names, IDs and birth dates copied from a folder others may not read,
 * so the folders dicomsql creates are its owner's only (0700), and so is every file (0600).
 */
final class IndexFolder {
  static final String STORE = "index.mv.db";
  static final String BUILDING = "index.building.mv.db";
  static final String LOCK = "index.lock";
  static final String CHECK = "index.check";
  private static final String CHECK_BUILDING = "index.check.building";
  /** What the check file says once a query has found the index unreadable. */
  private static final String DAMAGED_BY_QUERY = "damaged";
  private static final int BUFFER = 1 << 20;
  /** As many links as Linux follows in one path before it says ELOOP. */
  private static final int MAX_LINKS = 40;
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FOLDER =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  /** Index files this process has found whole, by inode, size and modification time. */
  private static final Set<List<Object>> VERIFIED = new HashSet<>();

  /** A write that failed because the file system is full. */
  static final class NoSpace extends IOException {
    NoSpace(Path folder, Throwable cause) {
      super("no space left on " + folder + " to write the index", cause);
    }
  }

  /** What the index file is. */
  enum State {
    /** There is none. */
    MISSING,
    /** An index of ours, whole as far as its check file says. */
    USABLE,
    /** Ours, but damaged: it is to be built again. */
    DAMAGED
  }

  /** A state and, for a damaged index, what is wrong with it. */
  record Found(State state, String damage) {}

  final Path path;

  /**
   * The index folder at {@code path}, which need not exist yet, named by its real path (symbolic
   * links resolved as far as it exists), so that two names of one folder are one folder.
   */
  IndexFolder(Path path) throws IOException {
    this.path = realPath(path.toAbsolutePath().normalize(), 0);
  }

  /**
   * The real path of the longest part of {@code path} that exists, with the rest after it; a
   * link to something that does not exist yet is followed to where it would be created.
   */
  private static Path realPath(Path path, int links) throws IOException {
    Path existing = path;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    Path rest = existing.relativize(path);
    if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
      if (links == MAX_LINKS) {
        throw new IOException("too many levels of symbolic links in " + path);
      }
      Path target = existing.resolveSibling(Files.readSymbolicLink(existing));
      return realPath(target.resolve(rest).normalize(), links + 1);
    }
    return existing.toRealPath().resolve(rest);
  }

  /**
   * Refuses a folder inside the data folder, which dicomsql never writes to, whatever names
   * (symbolic links) lead to either.
   */
  void requireOutside(Path dataRoot) throws IOException {
    Path root = dataRoot.toRealPath();
    if (path.startsWith(root)) {
      throw new IOException("the index folder " + path + " is inside the data folder " + root
          + ", which dicomsql never writes to; choose one outside it");
    }
  }

  Path store() {
    return path.resolve(STORE);
  }

  Path building() {
    return path.resolve(BUILDING);
  }

  Path lock() {
    return path.resolve(LOCK);
  }

  /** Creates the folder, and the folders above it that are missing, for its owner only. */
  void create() throws IOException {
    if (isPosix()) {
      Files.createDirectories(path, OWNER_ONLY_FOLDER);
    } else {
      Files.createDirectories(path);
    }
  }

  /** The writers' lock file, opened (created if need be) for locking. */
  FileChannel openLock() throws IOException {
    return isPosix()
        ? FileChannel.open(lock(), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
            OWNER_ONLY_FILE)
        : FileChannel.open(lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  /** Starts a new, empty {@code index.building.mv.db}, for a build. */
  void startBuilding() throws IOException {
    discardBuilding();
    createPrivate(building());
  }

  /** Starts {@code index.building.mv.db} as a copy of the index, for a refresh to patch. */
  void startBuildingFromIndex() throws IOException {
    startBuilding();
    try (FileChannel in = FileChannel.open(store(), StandardOpenOption.READ);
        FileChannel out = FileChannel.open(building(), StandardOpenOption.WRITE)) {
      long size = in.size();
      for (long done = 0; done < size; ) {
        done += in.transferTo(done, size - done, out);
      }
    }
  }

  private boolean isPosix() {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Creates an empty file only its owner can read. */
  private void createPrivate(Path file) throws IOException {
    if (isPosix()) {
      Files.createFile(file, OWNER_ONLY_FILE);
    } else {
      Files.createFile(file);
    }
  }

  private void writePrivate(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    createPrivate(file);
    Files.writeString(file, text, StandardCharsets.US_ASCII);
  }

  /**
   * What the index file is. {@code open} is the version this process has open already, if it
   * is still the file's, which is usable by construction (a file cannot be opened twice in one
   * process). A file that is not a dicomsql index is refused with an exception that says so.
   */
  Found inspect(IndexGeneration open) throws IOException {
    Path store = store();
    Path check = path.resolve(CHECK);
    String expected = Files.exists(check)
        ? Files.readString(check, StandardCharsets.US_ASCII).strip() : null;
    if (DAMAGED_BY_QUERY.equals(expected)) {
      return new Found(State.DAMAGED, "a query could not read it");
    }
    if (open != null) {
      return new Found(State.USABLE, null);
    }
    if (!Files.exists(store)) {
      return new Found(State.MISSING, null);
    }
    if (expected != null) {
      String damage = mismatch(store, expected);
      return damage == null ? new Found(State.USABLE, null) : new Found(State.DAMAGED, damage);
    }
    // Written before check files existed, or not ours: it must open as one of our indexes.
    String problem = notAnIndex(store);
    if (problem == null) {
      return new Found(State.USABLE, null);
    }
    if (Files.exists(lock())) {
      return new Found(State.DAMAGED, problem);
    }
    throw new IOException(store + " is not a dicomsql index (" + problem + "); dicomsql does "
        + "not overwrite it: choose another index folder, or remove the file");
  }

  /** Why the file does not open as an index of ours, or null when it does. */
  private static String notAnIndex(Path store) throws LockedIndexException {
    MVStore mv;
    try {
      mv = IndexStore.openReadOnlyStore(store, 0);
    } catch (RuntimeException e) {
      return Files.isRegularFile(store) && size(store) == 0 ? "the file is empty"
          : "it cannot be read as one: " + e.getMessage();
    }
    try {
      if (!mv.hasMap("meta")) {
        return "it holds no dicomsql meta map";
      }
      MVMap<String, Object> meta = mv.openMap("meta");
      return meta.get("format") instanceof Integer && meta.get("root") instanceof String ? null
          : "its meta map is not dicomsql's";
    } catch (RuntimeException e) {
      return "it cannot be read as one: " + e.getMessage();
    } finally {
      // Closing without writing anything, which a damaged file may not allow.
      mv.closeImmediately();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  /** What differs between the file and its check line, or null when nothing does. */
  private static String mismatch(Path store, String expected) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(store, BasicFileAttributes.class);
    List<Object> key = List.of(String.valueOf(attributes.fileKey()), attributes.size(),
        attributes.lastModifiedTime().toMillis(), expected);
    synchronized (VERIFIED) {
      if (VERIFIED.contains(key)) {
        return null;
      }
    }
    String actual = checkLine(store);
    if (!actual.equals(expected)) {
      return "its size and CRC-32C are " + actual + " where " + expected + " was written";
    }
    synchronized (VERIFIED) {
      VERIFIED.add(key);
    }
    return null;
  }

  /** The size and CRC-32C of a file, as the check file holds them. */
  private static String checkLine(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    long size = 0;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
      while (channel.read(buffer) >= 0) {
        buffer.flip();
        size += buffer.remaining();
        crc.update(buffer);
        buffer.clear();
      }
    }
    return size + " " + HexFormat.of().toHexDigits((int) crc.getValue());
  }

  /**
   * Puts a complete {@code index.building.mv.db} in place of the index, with its check file.
   * The two renames are not one step: a reader that comes between them finds a mismatch and
   * checks again under the writers' lock, which the writer holds until both are done.
   */
  void commitBuilding() throws IOException {
    Path checkBuilding = path.resolve(CHECK_BUILDING);
    writePrivate(checkBuilding, checkLine(building()) + "\n");
    Files.move(building(), store(), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    Files.move(checkBuilding, path.resolve(CHECK), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The failure of a write, made a {@link NoSpace} when the file system was full (Linux and
   * macOS say ENOSPC as "No space left on device"; MVStore wraps it in its own exception).
   */
  Exception explain(Exception failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException && String.valueOf(t.getMessage()).contains("No space left")) {
        return new NoSpace(path, failure);
      }
    }
    return failure;
  }

  /** Drops a write that did not complete. */
  void discardBuilding() throws IOException {
    Files.deleteIfExists(building());
    Files.deleteIfExists(path.resolve(CHECK_BUILDING));
  }

  /**
   * Records that a query found the index damaged, so that the next open builds it again; a
   * folder that cannot be written keeps no record (the error says what to run).
   */
  void markDamaged() {
    try {
      writePrivate(path.resolve(CHECK), DAMAGED_BY_QUERY + "\n");
    } catch (NoSuchFileException e) {
      // The folder is gone: nothing to rebuild.
    } catch (IOException e) {
      // Read-only: the message of the failed query says how to rebuild.
    }
  }
}
