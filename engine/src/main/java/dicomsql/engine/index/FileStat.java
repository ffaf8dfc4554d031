package dicomsql.engine.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the walk knows of a file or folder from one stat: its kind, size, modification and
 * change times, inode, and for a folder a key (device and inode) that is the same for every
 * path reaching it. The change time and inode catch what size and modification time miss (a
 * {@code chmod}, an edit put back with {@code touch -r}, a {@code cp -p} over the file), as git
 * compares them.
 */
record FileStat(Kind kind, long size, long modified, long changed, long inode, Object key) {
  enum Kind { FILE, FOLDER, LINK, OTHER }

  private static final String UNIX = "unix:mode,ino,dev,size,lastModifiedTime,ctime";
  private static final int TYPE_MASK = 0170000;
  private static final int TYPE_LINK = 0120000;
  private static final int TYPE_FOLDER = 0040000;
  private static final int TYPE_FILE = 0100000;
  private static final LinkOption[] FOLLOW = new LinkOption[0];
  private static final LinkOption[] NO_FOLLOW = new LinkOption[] {LinkOption.NOFOLLOW_LINKS};

  /**
   * The stat of the path itself (a symbolic link as such), or of what a link leads to: through
   * the JDK's own unix attributes where this process may read them ({@link UnixAttributes}),
   * else through the {@code unix:} attribute map, which gives the same values.
   */
  static FileStat of(Path path, boolean followLinks) throws IOException {
    FileStat stat = UnixAttributes.stat(path, followLinks);
    return stat != null ? stat : viaAttributeMap(path, followLinks);
  }

  /** The public route, which builds a map of the attributes asked for each file. */
  static FileStat viaAttributeMap(Path path, boolean followLinks) throws IOException {
    LinkOption[] options = followLinks ? FOLLOW : NO_FOLLOW;
    Map<String, Object> unix;
    try {
      unix = Files.readAttributes(path, UNIX, options);
    } catch (UnsupportedOperationException e) {
      return basic(Files.readAttributes(path, BasicFileAttributes.class, options), path);
    }
    return unix((Integer) unix.get("mode"), (Long) unix.get("size"),
        ((FileTime) unix.get("lastModifiedTime")).toMillis(),
        ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS), (Long) unix.get("ino"),
        (Long) unix.get("dev"));
  }

  /** A stat from the unix attributes: times as {@link FileTime} gives them in both routes. */
  static FileStat unix(int mode, long size, long modifiedMillis, long changedNanos, long inode,
      long device) {
    int type = mode & TYPE_MASK;
    Kind kind = type == TYPE_FILE ? Kind.FILE : type == TYPE_FOLDER ? Kind.FOLDER
        : type == TYPE_LINK ? Kind.LINK : Kind.OTHER;
    return new FileStat(kind, size, modifiedMillis, changedNanos, inode,
        kind == Kind.FOLDER ? new DeviceAndInode(device, inode) : null);
  }

  /** Where there is no unix view: no change time or inode to compare. */
  private static FileStat basic(BasicFileAttributes attrs, Path path) throws IOException {
    Kind kind = attrs.isRegularFile() ? Kind.FILE : attrs.isDirectory() ? Kind.FOLDER
        : attrs.isSymbolicLink() ? Kind.LINK : Kind.OTHER;
    long modified = attrs.lastModifiedTime().toMillis();
    Object key = attrs.fileKey() != null ? attrs.fileKey()
        : kind == Kind.FOLDER ? path.toRealPath() : path;
    return new FileStat(kind, attrs.size(), modified, modified, 0, key);
  }

  private record DeviceAndInode(long device, long inode) {}
}
