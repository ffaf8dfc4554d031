package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomWriter;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.TransferSyntax;
import dicomsql.engine.dicom.VR;
import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.GroundTruth;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files' odd cases through SQL: a POINT contour and a contour on no image added to a
 * generated structure set, and a phase re-encoded as RLE Lossless by dcmtk's dcmcrle.
 */
class RasterEdgeCasesTest {
  @TempDir
  Path tmp;

  @Test
  void pointsAndOffPlaneContoursAreReportedAndRleSlicesDecoded() throws Exception {
    Path data = tmp.resolve("data");
    new DatasetGenerator(new SynthOptions(1, 4, 64, 0, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    Map<String, String> lesion = GroundTruth.read(data.resolve(GroundTruth.LESIONS_FILE)).get(0);
    Path rtss = data.resolve("HCC_0001/401/001.dcm");
    DataSet structureSet = DataSet.read(rtss);
    DataSet roiContour = structureSet.getSequence(Tag.ROIContourSequence).get(0);
    DataSet first = roiContour.getSequence(Tag.ContourSequence).get(0);
    double[] drawn = first.getDoubles(Tag.ContourData);
    DataSet point = roiContour.addItem(Tag.ContourSequence);
    point.putString(Tag.ContourGeometricType, VR.CS, "POINT");
    point.putInt(Tag.NumberOfContourPoints, VR.IS, 1);
    point.putDouble(Tag.ContourData, VR.DS, drawn[0], drawn[1], drawn[2]);
    DataSet nowhere = roiContour.addItem(Tag.ContourSequence);
    nowhere.putString(Tag.ContourGeometricType, VR.CS, "CLOSED_PLANAR");
    nowhere.putInt(Tag.NumberOfContourPoints, VR.IS, 3);
    nowhere.putDouble(Tag.ContourData, VR.DS, 0, 0, 900, 10, 0, 900, 0, 10, 900);
    new DicomWriter().write(rtss, structureSet, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    String rlePhase = reencodeAsRle(data, lesion);

    try (Connection connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + tmp.resolve("index"))) {
      String roi = "'" + lesion.get("rtss_uid") + "', " + lesion.get("roi_number");
      assertThat(QueryRows.of(connection, "SELECT roi_voxel_count(" + roi + ")").get(0).get(0))
          .isEqualTo(Long.parseLong(lesion.get("voxel_count")));
      int contours = Integer.parseInt(lesion.get("contour_count"));
      List<List<Object>> slices = QueryRows.of(connection, "SELECT sop_uid, contour_count, "
          + "problem FROM TABLE(roi_slices(" + roi + "))");
      assertThat(slices).hasSize(contours + 1);
      assertThat(slices.get(slices.size() - 1)).containsExactly(null, 1,
          "contour " + (contours + 1) + " at 900.00 mm lies on no image plane (the nearest is "
              + String.format(Locale.ROOT, "%.2f", 900 - maxZ(connection, lesion)) + " mm away)");
      assertThat(slices).filteredOn(row -> Integer.valueOf(2).equals(row.get(1))).hasSize(1);
      if (rlePhase != null) {
        Object hu = QueryRows.of(connection, "SELECT roi_hu_mean(" + roi + ", series_uid) "
            + "FROM series WHERE study_uid = '" + lesion.get("study_uid") + "' AND phase = '"
            + rlePhase + "'").get(0).get(0);
        assertThat((Double) hu).isCloseTo(Double.parseDouble(
            lesion.get("mean_hu_" + rlePhase.toLowerCase(Locale.ROOT))), within(0.5));
        assertThat(QueryRows.of(connection, "SELECT DISTINCT transfer_syntax_uid FROM "
            + "instances i JOIN series s ON s.series_uid = i.series_uid WHERE s.phase = '"
            + rlePhase + "'")).containsExactly(List.of(TransferSyntax.RLE_LOSSLESS.uid()));
      }
    }
  }

  @Test
  void aRoiWhoseImagesAreMissingIsNullAndItsContoursSayWhy() throws Exception {
    Path data = tmp.resolve("data");
    new DatasetGenerator(new SynthOptions(1, 4, 32, 0, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    Map<String, String> lesion = GroundTruth.read(data.resolve(GroundTruth.LESIONS_FILE)).get(0);
    Path series = seriesFolder(data, lesion, lesion.get("annotated_phase"));
    try (Stream<Path> files = Files.list(series)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    try (Connection connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + tmp.resolve("index"))) {
      String roi = "'" + lesion.get("rtss_uid") + "', " + lesion.get("roi_number");
      assertThat(QueryRows.of(connection, "SELECT roi_voxel_count(" + roi + ")").get(0).get(0))
          .isNull();
      List<List<Object>> slices = QueryRows.of(connection, "SELECT sop_uid, problem FROM "
          + "TABLE(roi_slices(" + roi + "))");
      assertThat(slices).hasSize(Integer.parseInt(lesion.get("contour_count")))
          .allSatisfy(row -> assertThat((String) row.get(1)).contains("lies on no image"));
    }
  }

  @Test
  void aContourWithANonFiniteCoordinateIsLeftOutAndSaysWhichPoint() throws Exception {
    Path data = tmp.resolve("data");
    new DatasetGenerator(new SynthOptions(1, 4, 32, 0, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    Map<String, String> lesion = GroundTruth.read(data.resolve(GroundTruth.LESIONS_FILE)).get(0);
    Path rtss = data.resolve("HCC_0001/401/001.dcm");
    DataSet structureSet = DataSet.read(rtss);
    List<DataSet> contours = structureSet.getSequence(Tag.ROIContourSequence).get(0)
        .getSequence(Tag.ContourSequence);
    String[] values = contours.get(1).getStrings(Tag.ContourData);
    values[3 * 2] = "NaN";
    contours.get(1).putString(Tag.ContourData, VR.DS, values);
    String[] other = contours.get(2).getStrings(Tag.ContourData);
    other[3 * 4 + 1] = "1e999";
    contours.get(2).putString(Tag.ContourData, VR.DS, other);
    new DicomWriter().write(rtss, structureSet, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

    try (Connection connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + tmp.resolve("index"))) {
      String roi = "'" + lesion.get("rtss_uid") + "', " + lesion.get("roi_number");
      assertThat(QueryRows.of(connection, "SELECT problem FROM TABLE(roi_slices(" + roi
          + ")) WHERE problem IS NOT NULL")).containsExactly(
              List.of("point 2 of contour 1 is NaN: the contour is left out"),
              List.of("point 4 of contour 2 is infinite: the contour is left out"));
      long voxels = (Long) QueryRows.of(connection, "SELECT roi_voxel_count(" + roi + ")")
          .get(0).get(0);
      assertThat(voxels).isPositive().isLessThan(Long.parseLong(lesion.get("voxel_count")))
          .isEqualTo(((Number) QueryRows.of(connection, "SELECT SUM(pixel_count) FROM "
              + "TABLE(roi_slices(" + roi + "))").get(0).get(0)).longValue());
      assertThat(QueryRows.of(connection, "SELECT point_count FROM contours "
          + "WHERE contour_index = 1").get(0)).containsExactly(values.length / 3);
      assertThat((Double) QueryRows.of(connection, "SELECT x FROM contour_points "
          + "WHERE contour_index = 1 AND point_index = 2").get(0).get(0)).isNaN();
    }
  }

  private static double maxZ(Connection connection, Map<String, String> lesion)
      throws SQLException {
    return (Double) QueryRows.of(connection, "SELECT z_max FROM series WHERE series_uid = '"
        + lesion.get("annotated_series_uid") + "'").get(0).get(0);
  }

  /**
   * Re-encodes the files of a phase other than the annotated one with dcmcrle, in place; the
   * phase, or null when dcmtk is not installed (that part of the test is then skipped).
   */
  private static String reencodeAsRle(Path data, Map<String, String> lesion) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/dcmcrle"))) {
      return null;
    }
    for (String phase : List.of("A", "N", "D", "P")) {
      String mean = lesion.get("mean_hu_" + phase.toLowerCase(Locale.ROOT));
      if (phase.equals(lesion.get("annotated_phase")) || mean.isEmpty()) {
        continue;
      }
      Path series = seriesFolder(data, lesion, phase);
      List<Path> files;
      try (Stream<Path> listing = Files.list(series)) {
        files = listing.toList();
      }
      for (Path file : files) {
        Path rle = file.resolveSibling(file.getFileName() + ".rle");
        Process process = new ProcessBuilder("dcmcrle", file.toString(), rle.toString())
            .redirectErrorStream(true).start();
        assumeTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0,
            "dcmcrle failed on " + file);
        Files.move(rle, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return phase;
    }
    return null;
  }

  /** The folder of the study's series of a phase, found through the generator's truth. */
  private static Path seriesFolder(Path data, Map<String, String> lesion, String phase)
      throws Exception {
    List<String> numbers = new ArrayList<>();
    for (Map<String, String> series : GroundTruth.read(data.resolve(GroundTruth.SERIES_FILE))) {
      if (series.get("study_uid").equals(lesion.get("study_uid"))
          && series.get("phase").equals(phase)) {
        numbers.add(series.get("series_number"));
      }
    }
    return data.resolve("HCC_" + String.format("%04d", Integer.parseInt(lesion.get("case"))))
        .resolve(numbers.get(0));
  }
}
