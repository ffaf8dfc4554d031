package dicomsql.spark;

import dicomsql.engine.index.DataRootWalker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The files of a data root, walked on the driver with the engine's walker (same files, same
 * order, same walk errors as the embedded index), a fingerprint of what was found, so that
 * results derived from an unchanged tree are reused and a changed tree is read again, and the
 * times of the folders read, which tell whether the list itself still holds.
 */
record FileListing(List<FileEntry> files, String fingerprint, FolderTimes folders) {
  static FileListing walk(DicomOptions options) {
    List<DataRootWalker.Found> found;
    List<String> folders = new ArrayList<>();
    long start = System.currentTimeMillis();
    try {
      found = DataRootWalker.walk(options.folder(),
          Math.max(1, Runtime.getRuntime().availableProcessors()), folders);
    } catch (IOException e) {
      throw new UncheckedIOException("dicom: cannot list " + options.root(), e);
    }
    List<FileEntry> files = new ArrayList<>(found.size());
    long hash = 1;
    for (DataRootWalker.Found file : found) {
      files.add(FileEntry.of(file));
      hash = 31 * hash + file.path().hashCode();
      hash = 31 * hash + Long.hashCode(file.size());
      hash = 31 * hash + Long.hashCode(file.modified());
      hash = 31 * hash + Long.hashCode(file.changed());
      hash = 31 * hash + Long.hashCode(file.inode());
    }
    return new FileListing(List.copyOf(files), files.size() + ":" + Long.toHexString(hash),
        FolderTimes.after(options.folder(), folders, start));
  }

  /** The files whose path passes, in the same order. */
  List<FileEntry> where(Predicate<String> path) {
    return files.stream().filter(file -> path.test(file.path())).toList();
  }

  /** Consecutive runs of about equal length: one per partition. */
  static List<List<FileEntry>> split(List<FileEntry> files, int parts) {
    List<List<FileEntry>> lists = new ArrayList<>(parts);
    for (int k = 0; k < parts; k++) {
      int from = (int) ((long) files.size() * k / parts);
      int to = (int) ((long) files.size() * (k + 1) / parts);
      lists.add(new ArrayList<>(files.subList(from, to)));
    }
    return lists;
  }
}
