package dicomsql.engine.index;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * A stat read straight from the JDK's own unix attributes ({@code sun.nio.fs}), where
 * {@code java.base} opens that package to this code: the {@code dicomsql} launcher's jar says
 * {@code Add-Opens: java.base/sun.nio.fs}, an embedding application may pass
 * {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED}. Java 17 gives a file's change time
 * publicly only in a map of attributes named in a string, which the JDK parses, fills and
 * boxes for every file: at seed scale that route took about half of a refresh's walk and most
 * of its compilation (BENCHMARKS.md, issue 11, session 10). The values are those of the same
 * accessors the map is filled from; where the package is closed, or on another file system,
 * the caller takes the public route.
 */
final class UnixAttributes {
  private static final Class<?> UNIX_PATH;
  private static final MethodHandle GET;
  private static final MethodHandle MODE;
  private static final MethodHandle SIZE;
  private static final MethodHandle MODIFIED;
  private static final MethodHandle CHANGED;
  private static final MethodHandle INODE;
  private static final MethodHandle DEVICE;

  static {
    Class<?> unixPath = null;
    MethodHandle[] handles = new MethodHandle[7];
    try {
      unixPath = Class.forName("sun.nio.fs.UnixPath");
      Class<?> attributes = Class.forName("sun.nio.fs.UnixFileAttributes");
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(attributes,
          MethodHandles.lookup());
      handles[0] = lookup.findStatic(attributes, "get",
          MethodType.methodType(attributes, unixPath, boolean.class))
          .asType(MethodType.methodType(Object.class, Path.class, boolean.class));
      String[] names = {"mode", "size", "lastModifiedTime", "ctime", "ino", "dev"};
      Class<?>[] types = {int.class, long.class, FileTime.class, FileTime.class, long.class,
          long.class};
      for (int k = 0; k < names.length; k++) {
        handles[k + 1] = lookup.findVirtual(attributes, names[k], MethodType.methodType(types[k]))
            .asType(MethodType.methodType(types[k], Object.class));
      }
    } catch (ReflectiveOperationException | RuntimeException closedOrMissing) {
      unixPath = null;
    }
    UNIX_PATH = unixPath;
    GET = handles[0];
    MODE = handles[1];
    SIZE = handles[2];
    MODIFIED = handles[3];
    CHANGED = handles[4];
    INODE = handles[5];
    DEVICE = handles[6];
  }

  private UnixAttributes() {}

  /** Whether this process reads stats this way. */
  static boolean available() {
    return UNIX_PATH != null;
  }

  /**
   * The stat of a path (of what a link leads to, with {@code followLinks}), or null where this
   * route is closed, the path is of another file system, or the stat failed: the public route
   * then says why, with the exception the JDK gives for that error.
   */
  static FileStat stat(Path path, boolean followLinks) {
    if (UNIX_PATH == null || path.getClass() != UNIX_PATH) {
      return null;
    }
    try {
      Object attributes = (Object) GET.invokeExact(path, followLinks);
      return FileStat.unix((int) MODE.invokeExact(attributes),
          (long) SIZE.invokeExact(attributes),
          ((FileTime) MODIFIED.invokeExact(attributes)).toMillis(),
          ((FileTime) CHANGED.invokeExact(attributes)).to(TimeUnit.NANOSECONDS),
          (long) INODE.invokeExact(attributes), (long) DEVICE.invokeExact(attributes));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable failedStat) {
      return null;
    }
  }
}
