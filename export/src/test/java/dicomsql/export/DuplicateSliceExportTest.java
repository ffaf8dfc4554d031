package dicomsql.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slice stored twice (the same SOP Instance UID in two files, as a copied folder leaves it)
 * is one slice of the exported volume, as it is one slice for the raster functions: the copy
 * ({@code duplicate_of} set) is not stacked again.
 */
class DuplicateSliceExportTest {
  @TempDir
  Path tmp;

  @Test
  void aCopiedSliceIsExportedOnce() throws Exception {
    Path clean = tmp.resolve("clean");
    ExportedData.generate(clean, 1, 3, 32);
    Path copied = tmp.resolve("copied");
    ExportedData.generate(copied, 1, 3, 32);
    Path slice;
    try (var files = Files.walk(copied)) {
      slice = files.filter(path -> path.toString().endsWith(".dcm")).sorted()
          .findFirst().orElseThrow();
    }
    Files.copy(slice, slice.resolveSibling("zz-copy-" + slice.getFileName()));

    Map<String, String> cleanImage = exportedImage(clean, tmp.resolve("out-clean"));
    Map<String, String> copiedImage = exportedImage(copied, tmp.resolve("out-copied"));

    assertThat(copiedImage.get("sop_uids")).isEqualTo(cleanImage.get("sop_uids"));
    assertThat(Files.readAllBytes(tmp.resolve("out-copied").resolve(copiedImage.get("file"))))
        .isEqualTo(Files.readAllBytes(tmp.resolve("out-clean").resolve(cleanImage.get("file"))));
  }

  /** The manifest row of the image of the series of the folder's first slice (by path). */
  private Map<String, String> exportedImage(Path data, Path out) throws Exception {
    try (Connection connection = DriverManager.getConnection(
        "jdbc:dicom:" + data + ";index=" + out.resolveSibling(out.getFileName() + "-index"))) {
      Exporter.Summary summary = new Exporter(connection, data, 1, ExportListener.NONE).export(
          "SELECT series_uid FROM instances WHERE path = (SELECT MIN(path) FROM instances"
              + " WHERE modality = 'CT')",
          Exporter.Format.NIFTI, List.of(), out);
      return ManifestCsv.read(summary.manifest()).stream()
          .filter(row -> row.get("kind").equals("image")).findFirst().orElseThrow();
    }
  }
}
