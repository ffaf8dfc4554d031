package dicomsql.engine.index;

import dicomsql.engine.dicom.PathText;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate process, run under another locale, that walks a data root and prints for each
 * file its path as text (code points in hex, so that the output's encoding cannot blur them),
 * whether that text leads back to the file, and whether the file reads as an instance.
 */
public final class FileNamesChild {
  private FileNamesChild() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    for (DataRootWalker.Found found : DataRootWalker.walk(root, 1)) {
      Path file = PathText.resolve(root, found.path());
      ScannedFile scanned = FileScanner.scan(file, found.path(), found.size(),
          found.modified());
      StringBuilder hex = new StringBuilder();
      found.path().codePoints().forEach(c -> hex.append(Integer.toHexString(c)).append(' '));
      System.out.println(hex.toString().strip() + "\t" + found.error() + "\t"
          + (Files.isRegularFile(file) && Files.size(file) == found.size()) + "\t"
          + (scanned.instance() != null ? "instance" : scanned.error()));
    }
  }
}
