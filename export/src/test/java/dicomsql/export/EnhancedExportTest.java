package dicomsql.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated dataset whose CT series pydicom turned into one Enhanced CT image each (one frame
 * per classic slice, per-frame positions and rescale, structure sets pointing at frames) exports
 * the same NIfTI images and label maps, byte for byte, as the classic slices.
 */
class EnhancedExportTest {
  /** The jdbc module's script, which its raster test uses the same way; tests run in export/. */
  private static final Path ENHANCE = Path.of("..", "jdbc", "src", "test", "resources",
      "dicomsql", "jdbc", "enhance_ct.py");
  private static final String EVERY_ROI_ON_EVERY_CT_SERIES = "SELECT s.series_uid, r.rtss_uid,"
      + " r.roi_number, r.roi_number AS label FROM rois r"
      + " JOIN structure_sets t ON t.rtss_uid = r.rtss_uid"
      + " JOIN series s ON s.study_uid = t.study_uid AND s.modality = 'CT'";

  @TempDir
  static Path tmp;
  private static Path classic;
  private static Path enhanced;

  @BeforeAll
  static void generate() throws Exception {
    Nibabel.assumePydicomInstalled();
    assumeTrue(Files.isRegularFile(ENHANCE), ENHANCE + " not found");
    classic = tmp.resolve("classic");
    new DatasetGenerator(new SynthOptions(1, 5, 32, 12, 1)).generate(classic,
        DatasetGenerator.Listener.NONE);
    enhanced = tmp.resolve("enhanced");
    try (Stream<Path> walk = Files.walk(classic)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        Path target = enhanced.resolve(classic.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    assertThat(Nibabel.python(ENHANCE, enhanced.toString()).lines()).hasSize(4)
        .allSatisfy(line -> assertThat(line).endsWith("enhanced.dcm 12"));
  }

  @Test
  void enhancedImagesExportAsTheClassicSlices() throws Exception {
    List<Map<String, String>> expected = export(classic);
    List<Map<String, String>> actual = export(enhanced);
    assertThat(expected).hasSize(8).allSatisfy(row -> {
      assertThat(row.get("file")).isNotNull();
      assertThat(row.get("problem")).isNull();
    });
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Map<String, String> row = expected.get(i);
      Map<String, String> same = actual.get(i);
      assertThat(same.get("file")).isEqualTo(row.get("file"));
      assertThat(same.get("problem")).isNull();
      assertThat(Files.readAllBytes(enhanced.resolveSibling("enhanced-out")
          .resolve(same.get("file")))).as(row.get("file")).isEqualTo(Files.readAllBytes(
              classic.resolveSibling("classic-out").resolve(row.get("file"))));
      // The grid's images: the one enhanced image once per frame, as slices k = 0, 1, ...
      assertThat(same.get("sop_uids").split("\\\\")).hasSize(12).containsOnly(
          same.get("sop_uids").split("\\\\")[0]);
    }
  }

  private static List<Map<String, String>> export(Path data) throws Exception {
    Path out = data.resolveSibling(data.getFileName() + "-out");
    try (Connection connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + tmp.resolve(data.getFileName() + "-index"))) {
      Exporter.Summary summary = new Exporter(connection, data, 2, ExportListener.NONE)
          .export(EVERY_ROI_ON_EVERY_CT_SERIES, Exporter.Format.NIFTI, List.of(), out);
      List<Map<String, String>> rows = new ArrayList<>(ManifestCsv.read(summary.manifest()));
      rows.sort((a, b) -> String.valueOf(a.get("file")).compareTo(String.valueOf(b.get("file"))));
      return rows;
    }
  }
}
