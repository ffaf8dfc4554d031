package dicomsql.bench;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.ReadOptions;
import dicomsql.engine.dicom.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder with {@link #COPIES} times the contour points of a seed-like folder: the seed's
 * images, hard-linked (copied where links cannot be made), and {@link #COPIES} copies of each
 * structure set, each with its own SOP Instance UID. The seed folder is only read.
 *
 * @param images image files linked or copied
 * @param structureSets structure-set copies written
 */
record DenseFolder(long images, long structureSets) {
  static final int COPIES = 10;

  /**
   * Builds {@code dense} from {@code seed} (series folders, as the generator writes them), or
   * counts what an earlier, completed build left there.
   */
  static DenseFolder build(Path seed, Path dense) throws IOException {
    Path done = dense.resolveSibling(dense.getFileName() + ".done");
    if (Files.exists(done)) {
      String[] counts = Files.readString(done).strip().split(" ");
      return new DenseFolder(Long.parseLong(counts[0]), Long.parseLong(counts[1]));
    }
    BenchData.deleteTree(dense);
    long images = 0;
    long structureSets = 0;
    for (Path series : seriesFolders(seed)) {
      List<Path> files = files(series);
      Path target = dense.resolve(seed.relativize(series));
      Files.createDirectories(target);
      if (isStructureSet(files.get(0))) {
        for (Path file : files) {
          structureSets += copies(file, target);
        }
      } else {
        for (Path file : files) {
          link(file, target.resolve(file.getFileName()));
          images++;
        }
      }
    }
    Files.writeString(done, images + " " + structureSets + "\n");
    return new DenseFolder(images, structureSets);
  }

  /**
   * The folders below the seed's own (which holds the generator's ground truth, no DICOM) that
   * hold files, in a stable order.
   */
  private static List<Path> seriesFolders(Path seed) throws IOException {
    try (Stream<Path> walk = Files.walk(seed)) {
      return walk.filter(folder -> !folder.equals(seed) && Files.isDirectory(folder)
          && !files(folder).isEmpty()).sorted().toList();
    }
  }

  /** The files directly in {@code folder}, sorted. */
  private static List<Path> files(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isStructureSet(Path file) throws IOException {
    DataSet header = DataSet.read(file, ReadOptions.onlyTags(Tag.Modality));
    return "RTSTRUCT".equals(header.getString(Tag.Modality));
  }

  /**
   * Writes {@link #COPIES} copies of a structure set, copy {@code k}'s SOP Instance UID (in the
   * file meta header as in the data set) ending in digit {@code k} instead of its last
   * character: the same length, so every element length stays right.
   */
  private static int copies(Path file, Path target) throws IOException {
    String uid = DataSet.read(file, ReadOptions.onlyTags(Tag.SOPInstanceUID))
        .getString(Tag.SOPInstanceUID);
    byte[] original = Files.readAllBytes(file);
    byte[] uidBytes = uid.getBytes(StandardCharsets.US_ASCII);
    for (int k = 0; k < COPIES; k++) {
      byte[] copy = original.clone();
      byte digit = (byte) ('0' + k);
      int replaced = 0;
      for (int at = indexOf(copy, uidBytes, 0); at >= 0;
          at = indexOf(copy, uidBytes, at + uidBytes.length)) {
        copy[at + uidBytes.length - 1] = digit;
        replaced++;
      }
      if (replaced == 0) {
        throw new IOException("no SOP Instance UID " + uid + " in the bytes of " + file);
      }
      Files.write(target.resolve("rt" + k + "-" + file.getFileName()), copy);
    }
    return COPIES;
  }

  private static int indexOf(byte[] bytes, byte[] part, int from) {
    outer:
    for (int i = from; i <= bytes.length - part.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** A hard link to {@code file}, or a copy on a file system that cannot link to it. */
  private static void link(Path file, Path link) throws IOException {
    try {
      Files.createLink(link, file);
    } catch (FileSystemException | UnsupportedOperationException e) {
      Files.copy(file, link);
    }
  }
}
