package dicomsql.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dicomsql.engine.phase.Phase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports onto another grid than each series' own (resampled to a spacing, or onto the
 * annotated series' grid) against scipy: every label voxel equal to
 * {@code map_coordinates(order=0)} of the label image exported on the series' own grid, every
 * image voxel to {@code map_coordinates(order=1)} of the plain image (within 1 HU, rounding
 * ties); the new grid's affine from the old one.
 */
class RegriddedExportTest {
  /** Not a multiple of the generated spacings, so that no target centre is a rounding tie. */
  private static final GridSpacing SPACING = new GridSpacing(1.37, 1.61, 3.1);
  private static final String ROIS = "SELECT referenced_series_uid AS series_uid, rtss_uid,"
      + " roi_number, 1 AS label, 'lesion' AS label_name, patient_id AS case_id FROM rois";

  @TempDir
  static Path tmp;
  private static Path data;
  private static Connection connection;
  private static Path plain;

  @BeforeAll
  static void exportPlain() throws Exception {
    data = tmp.resolve("data");
    ExportedData.generate(data, 2, 5, 48);
    connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + tmp.resolve("index"));
    plain = tmp.resolve("plain");
    new Exporter(connection, data, 2, ExportListener.NONE).export("SELECT series_uid,"
        + " CAST(NULL AS VARCHAR) AS rtss_uid, CAST(NULL AS INTEGER) AS roi_number, 1 AS label,"
        + " 'lesion' AS label_name, patient_id AS case_id FROM series WHERE modality = 'CT'"
        + " UNION ALL " + ROIS,
        Exporter.Format.NIFTI, List.of(), plain);
  }

  @AfterAll
  static void close() throws Exception {
    connection.close();
  }

  @Test
  void niftiFilesAtASpacingAreScipysResamplingOfThePlainOnes() throws Exception {
    Nibabel.assumeScipyInstalled();
    Path out = tmp.resolve("spaced");
    Exporter.Summary summary = new Exporter(connection, data, 2, ExportListener.NONE).export(
        ROIS, Exporter.Format.NIFTI, List.of(), Exporter.Grid.OWN, SPACING, out);
    Nibabel nibabel = new Nibabel(tmp);
    int labels = 0;
    for (Map<String, String> row : ManifestCsv.read(summary.manifest())) {
      assertThat(row.get("file")).as(row.toString()).isNotNull();
      assertThat(row.get("sop_uids")).isNull();
      Path file = out.resolve(row.get("file"));
      Path source = plain.resolve(row.get("file"));
      Map<Path, Nibabel.Volume> pair = nibabel.read(List.of(source, file));
      assertRegridded(pair.get(source), pair.get(file));
      if (row.get("kind").equals("label")) {
        labels++;
        assertEqual(pair.get(file).voxels(), nibabel.resampleNearest(source, file));
        assertThat(pair.get(file).voxels()).contains(1.0);
      } else {
        Nibabel.assertAlikeButForTies(pair.get(file).voxels(), nibabel.resample(source, file));
      }
    }
    assertThat(labels).isEqualTo(2);
  }

  @Test
  void nnunetCasesAtASpacingHaveScipysChannelsAndLabels() throws Exception {
    Nibabel.assumeScipyInstalled();
    Path out = tmp.resolve("nnunet");
    Exporter.Summary summary = new Exporter(connection, data, 2, ExportListener.NONE).export(
        ROIS, Exporter.Format.NNUNET, List.of(Phase.values()), Exporter.Grid.OWN, SPACING,
        out);
    assertThat(summary.cases()).isPositive();
    Nibabel nibabel = new Nibabel(tmp);
    int checked = 0;
    for (Map<String, String> row : ManifestCsv.read(summary.manifest())) {
      if (row.get("file") == null) {
        continue;
      }
      Path file = out.resolve(row.get("file"));
      if (row.get("kind").equals("label")) {
        Path source = plain.resolve(row.get("case_id") + "/" + row.get("series_uid") + "."
            + row.get("rtss_uid") + ".labels.nii.gz");
        Map<Path, Nibabel.Volume> pair = nibabel.read(List.of(source, file));
        assertRegridded(pair.get(source), pair.get(file));
        assertEqual(pair.get(file).voxels(), nibabel.resampleNearest(source, file));
      } else {
        Path source = plain.resolve(row.get("case_id") + "/" + row.get("series_uid")
            + ".nii.gz");
        Path label = out.resolve("labelsTr/" + row.get("case_id") + ".nii.gz");
        Map<Path, Nibabel.Volume> pair = nibabel.read(List.of(label, file));
        assertThat(pair.get(file).affine()).containsExactly(pair.get(label).affine());
        Nibabel.assertAlikeButForTies(pair.get(file).voxels(), nibabel.resample(source, file));
      }
      checked++;
    }
    assertThat(checked).isEqualTo(5 * summary.cases());
  }

  @Test
  void niftiOntoTheAnnotatedGridHasEverySeriesResampledAndTheLabelsAsPainted()
      throws Exception {
    Nibabel.assumeScipyInstalled();
    Path out = tmp.resolve("annotated");
    // the ROI rows first, so that each case's first row names the annotated series
    Exporter.Summary summary = new Exporter(connection, data, 2, ExportListener.NONE).export(
        "SELECT * FROM (SELECT referenced_series_uid AS series_uid, rtss_uid, roi_number,"
            + " 1 AS label, 'lesion' AS label_name, patient_id AS case_id, 0 AS priority"
            + " FROM rois UNION ALL SELECT series_uid, NULL, NULL, 1, 'lesion', patient_id, 1"
            + " FROM series WHERE modality = 'CT') ORDER BY case_id, priority",
        Exporter.Format.NIFTI, List.of(), Exporter.Grid.ANNOTATED, null, out);
    Nibabel nibabel = new Nibabel(tmp);
    int resampled = 0;
    for (Map<String, String> row : ManifestCsv.read(summary.manifest())) {
      assertThat(row.get("file")).as(row.toString()).isNotNull();
      Path file = out.resolve(row.get("file"));
      Path annotatedImage = plain.resolve(row.get("case_id") + "/" + row.get("grid_series_uid")
          + ".nii.gz");
      Map<Path, Nibabel.Volume> pair = nibabel.read(List.of(annotatedImage, file));
      assertThat(pair.get(file).affine()).containsExactly(pair.get(annotatedImage).affine());
      assertThat(row.get("sop_uids")).isNotNull();
      if (row.get("kind").equals("label")) {
        Path painted = plain.resolve(row.get("file"));
        assertEqual(pair.get(file).voxels(), nibabel.read(List.of(painted)).get(painted)
            .voxels());
      } else if (row.get("series_uid").equals(row.get("grid_series_uid"))) {
        assertEqual(pair.get(file).voxels(), pair.get(annotatedImage).voxels());
      } else {
        resampled++;
        Nibabel.assertAlikeButForTies(pair.get(file).voxels(), nibabel.resample(
            plain.resolve(row.get("file")), file));
      }
    }
    assertThat(resampled).isPositive();
  }

  @Test
  void aSpacingIsOneValueOrThreePositiveOnes() {
    assertThat(GridSpacing.parse("2")).isEqualTo(new GridSpacing(2, 2, 2));
    assertThat(GridSpacing.parse(" 0.8, 0.8 ,2.5")).isEqualTo(new GridSpacing(0.8, 0.8, 2.5));
    assertThatThrownBy(() -> GridSpacing.parse("1,2"))
        .hasMessage("--spacing takes one value or three (X,Y,Z), not '1,2'");
    assertThatThrownBy(() -> GridSpacing.parse("1,x,2"))
        .hasMessage("--spacing takes millimetres as X or X,Y,Z, not '1,x,2'");
    assertThatThrownBy(() -> GridSpacing.parse("0"))
        .hasMessage("a spacing is positive millimetres, not 0.0");
  }

  /**
   * The resampled grid starts at the same voxel centre, runs in the same directions with the
   * new spacing, and spans as much of the old grid as whole new steps fit.
   */
  private static void assertRegridded(Nibabel.Volume source, Nibabel.Volume target) {
    double[] spacing = {SPACING.i(), SPACING.j(), SPACING.k()};
    for (int axis = 0; axis < 3; axis++) {
      double oldStep = 0;
      double newStep = 0;
      for (int r = 0; r < 3; r++) {
        oldStep += source.affine()[4 * r + axis] * source.affine()[4 * r + axis];
        newStep += target.affine()[4 * r + axis] * target.affine()[4 * r + axis];
        assertThat(target.affine()[4 * r + axis] / spacing[axis]).isCloseTo(
            source.affine()[4 * r + axis] / Math.sqrt(
                source.affine()[axis] * source.affine()[axis]
                    + source.affine()[4 + axis] * source.affine()[4 + axis]
                    + source.affine()[8 + axis] * source.affine()[8 + axis]), within(1e-5));
      }
      assertThat(Math.sqrt(newStep)).isCloseTo(spacing[axis], within(1e-5));
      assertThat(target.shape()[axis]).isEqualTo(
          (int) Math.floor((source.shape()[axis] - 1) * Math.sqrt(oldStep) / spacing[axis]
              + 1e-6) + 1);
    }
    assertThat(target.world(0, 0, 0)).containsExactly(source.world(0, 0, 0), within(1e-4));
  }

  /** Voxel by voxel (AssertJ's array diff is too slow for volumes). */
  private static void assertEqual(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int v = 0; v < actual.length; v++) {
      if (actual[v] != expected[v]) {
        throw new AssertionError("voxel " + v + " is " + actual[v] + ", scipy's " + expected[v]);
      }
    }
  }

}
