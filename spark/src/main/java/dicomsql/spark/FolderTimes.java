package dicomsql.spark;

import dicomsql.engine.dicom.PathText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * The modification times of the folders a walk read. A file added to, removed from or renamed
 * in a folder changes that folder's time, so while every time is the same the walk's list of
 * files still holds. A folder whose time was at or after the walk began (less a margin for
 * file systems that keep times to the second or two) may have changed while it was read: it
 * never counts as unchanged, so the next read walks again.
 */
final class FolderTimes {
  private static final long MARGIN_MILLIS = 2_000;

  private final Path root;
  private final String[] folders;
  private final FileTime[] times;

  private FolderTimes(Path root, String[] folders, FileTime[] times) {
    this.root = root;
    this.folders = folders;
    this.times = times;
  }

  /** The times of {@code folders} now, for a walk that began at {@code walkStartMillis}. */
  static FolderTimes after(Path root, List<String> folders, long walkStartMillis) {
    String[] paths = folders.toArray(new String[0]);
    FileTime[] times = new FileTime[paths.length];
    for (int k = 0; k < paths.length; k++) {
      FileTime time = time(root, paths[k]);
      times[k] = time != null && time.toMillis() < walkStartMillis - MARGIN_MILLIS ? time : null;
    }
    return new FolderTimes(root, paths, times);
  }

  /** Whether every folder still has the time it had, and none was changing during the walk. */
  boolean unchanged() {
    for (int k = 0; k < folders.length; k++) {
      if (times[k] == null || !times[k].equals(time(root, folders[k]))) {
        return false;
      }
    }
    return true;
  }

  private static FileTime time(Path root, String folder) {
    try {
      return Files.getLastModifiedTime(folder.isEmpty() ? root : PathText.resolve(root, folder));
    } catch (IOException e) {
      return null;
    }
  }
}
