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
 * change times, inode, and a key (device and inode) that is the same for every path reaching
 * it. The change time and inode catch what size and modification time miss (a {@code chmod},
 * an edit put back with {@code touch -r}), as git compares them.
 */
record FileStat(Kind kind, long size, long modified, long changed, long inode, Object key) {
  enum Kind { FILE, FOLDER, LINK, OTHER }

  private static final String UNIX = "unix:mode,ino,dev,size,lastModifiedTime,ctime";
  private static final int TYPE_MASK = 0170000;
  private static final int TYPE_LINK = 0120000;
  private static final int TYPE_FOLDER = 0040000;
  private static final int TYPE_FILE = 0100000;

  /** The stat of the path itself (a symbolic link as such), or of what a link leads to. */
  static FileStat of(Path path, boolean followLinks) throws IOException {
    LinkOption[] options = followLinks ? new LinkOption[0]
        : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    Map<String, Object> unix;
    try {
      unix = Files.readAttributes(path, UNIX, options);
    } catch (UnsupportedOperationException e) {
      return basic(Files.readAttributes(path, BasicFileAttributes.class, options), path);
    }
    int type = (Integer) unix.get("mode") & TYPE_MASK;
    Kind kind = type == TYPE_FILE ? Kind.FILE : type == TYPE_FOLDER ? Kind.FOLDER
        : type == TYPE_LINK ? Kind.LINK : Kind.OTHER;
    long inode = (Long) unix.get("ino");
    return new FileStat(kind, (Long) unix.get("size"),
        ((FileTime) unix.get("lastModifiedTime")).toMillis(),
        ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS), inode,
        new DeviceAndInode((Long) unix.get("dev"), inode));
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
