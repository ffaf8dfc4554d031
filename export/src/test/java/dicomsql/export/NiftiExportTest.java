package dicomsql.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dicomsql.engine.dicom.PixelData;
import dicomsql.engine.phase.Phase;
import dicomsql.engine.raster.ImagePlanes;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * Exports generated data (and an oblique series) as NIfTI and reads every file back with
 * nibabel: shape, affine (every corner voxel's centre where the DICOM geometry puts it, in
 * RAS), HU equal to the decoded pixels, label voxels equal to {@code roi_mask}.
 */
class NiftiExportTest {
  @TempDir
  static Path tmp;
  private static Path data;
  private static Connection connection;
  private static String obliqueRtss;

  @BeforeAll
  static void generate() throws Exception {
    data = tmp.resolve("data");
    ExportedData.generate(data, 2, 5, 48);
    String url = "jdbc:dicom:" + data + ";index=" + tmp.resolve("index");
    try (Connection first = DriverManager.getConnection(url)) {
      List<Object> roi = Rows.of(first, "SELECT rtss_uid, referenced_series_uid FROM rois"
          + " ORDER BY rtss_uid, roi_number").get(0);
      obliqueRtss = (String) roi.get(0);
      ExportedData.addObliqueCopy(first, data, (String) roi.get(1));
    }
    connection = DriverManager.getConnection(url);
  }

  @AfterAll
  static void close() throws Exception {
    connection.close();
  }

  @Test
  void everyFileReadsBackAsTheDicomImagesAndMasks() throws Exception {
    Nibabel.assumeInstalled();
    Path out = tmp.resolve("nifti");
    Exporter.Summary summary = new Exporter(connection, data, 2, ExportListener.NONE).export(
        "SELECT referenced_series_uid AS series_uid, rtss_uid, roi_number, roi_number AS label"
            + " FROM rois UNION ALL SELECT '" + ExportedData.OBLIQUE_SERIES + "', rtss_uid,"
            + " roi_number, roi_number FROM rois WHERE rtss_uid = '" + obliqueRtss + "'",
        Exporter.Format.NIFTI, List.of(), out);
    List<Map<String, String>> manifest = ManifestCsv.read(summary.manifest());
    List<Path> files = new ArrayList<>();
    for (Map<String, String> row : manifest) {
      assertThat(row.get("file")).as(row.toString()).isNotNull();
      files.add(out.resolve(row.get("file")));
    }
    assertThat(summary.cases()).isEqualTo(2);
    Map<Path, Nibabel.Volume> volumes = new Nibabel(tmp).read(files);
    int obliqueChecked = 0;
    for (Map<String, String> row : manifest) {
      Nibabel.Volume volume = volumes.get(out.resolve(row.get("file")));
      List<Map<String, Object>> slices = slices(row.get("series_uid"));
      assertThat(row.get("sop_uids").split("\\\\")).containsExactlyElementsOf(
          slices.stream().map(s -> (String) s.get("sop_uid")).toList());
      assertGeometry(volume, slices);
      if (row.get("kind").equals("image")) {
        assertThat(volume.dtype()).isEqualTo("int16");
        assertPixels(volume, slices);
      } else {
        assertThat(volume.dtype()).isEqualTo("uint8");
        assertLabels(volume, slices, row);
      }
      if (row.get("series_uid").equals(ExportedData.OBLIQUE_SERIES)) {
        obliqueChecked++;
        // the k axis (RAS) follows the tilted normal (0, -sin, cos) in LPS
        double[] k = {volume.affine()[2], volume.affine()[6], volume.affine()[10]};
        assertThat(k[1] / k[2]).isCloseTo(Math.tan(ExportedData.TILT), within(1e-6));
        assertThat(row.get("problem")).contains("not axial: the image planes are 20.0° from"
            + " axial").doesNotContain("sheared");
      } else {
        assertThat(row.get("problem")).isNull();
      }
    }
    assertThat(obliqueChecked).isEqualTo(2);
  }

  /**
   * The images of a series sorted independently of the export: by position along the normal
   * of their orientation.
   */
  private static List<Map<String, Object>> slices(String seriesUid) throws Exception {
    List<Map<String, Object>> slices = new ArrayList<>();
    for (List<Object> r : Rows.of(connection, "SELECT sop_uid, path, position_x, position_y,"
        + " position_z, orientation, pixel_spacing_row, pixel_spacing_col, rows, columns"
        + " FROM instances WHERE series_uid = '" + seriesUid + "'")) {
      double[] o = ImagePlanes.multiValued((String) r.get(5), 6);
      double[] normal = {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5],
          o[0] * o[4] - o[1] * o[3]};
      double[] position = {(Double) r.get(2), (Double) r.get(3), (Double) r.get(4)};
      Map<String, Object> slice = new HashMap<>();
      slice.put("sop_uid", r.get(0));
      slice.put("path", r.get(1));
      slice.put("position", position);
      slice.put("orientation", o);
      slice.put("spacing", new double[] {(Double) r.get(6), (Double) r.get(7)});
      slice.put("rows", r.get(8));
      slice.put("columns", r.get(9));
      slice.put("along", position[0] * normal[0] + position[1] * normal[1]
          + position[2] * normal[2]);
      slices.add(slice);
    }
    slices.sort((a, b) -> Double.compare((Double) a.get("along"), (Double) b.get("along")));
    return slices;
  }

  private static void assertGeometry(Nibabel.Volume volume, List<Map<String, Object>> slices) {
    int columns = (Integer) slices.get(0).get("columns");
    int rows = (Integer) slices.get(0).get("rows");
    assertThat(volume.shape()).containsExactly(columns, rows, slices.size());
    assertThat(volume.sizeofHdr()).isEqualTo(348);
    assertThat(volume.voxOffset()).isEqualTo(352);
    assertThat(volume.sformCode()).isEqualTo(1);
    assertThat(volume.qformCode()).isEqualTo(1);
    for (int k : new int[] {0, slices.size() - 1}) {
      Map<String, Object> slice = slices.get(k);
      double[] p = (double[]) slice.get("position");
      double[] o = (double[]) slice.get("orientation");
      double[] spacing = (double[]) slice.get("spacing");
      for (int i : new int[] {0, columns - 1}) {
        for (int j : new int[] {0, rows - 1}) {
          double[] lps = new double[3];
          for (int a = 0; a < 3; a++) {
            lps[a] = p[a] + i * spacing[1] * o[a] + j * spacing[0] * o[3 + a];
          }
          double[] ras = volume.world(i, j, k);
          assertThat(ras[0]).isCloseTo(-lps[0], within(1e-3));
          assertThat(ras[1]).isCloseTo(-lps[1], within(1e-3));
          assertThat(ras[2]).isCloseTo(lps[2], within(1e-3));
        }
      }
    }
    // The qform holds the rotation as a float32 quaternion: near a half turn (RAS from LPS)
    // its precision is about 1e-4 of a voxel step (under 10 mm here): checked to 0.01 mm.
    for (int e = 0; e < 12; e++) {
      assertThat(volume.qformAffine()[e]).as("qform element " + e)
          .isCloseTo(volume.affine()[e], within(1e-2));
    }
  }

  private static void assertPixels(Nibabel.Volume volume, List<Map<String, Object>> slices)
      throws Exception {
    for (int k = 0; k < slices.size(); k++) {
      float[] hu = PixelData.read(data.resolve((String) slices.get(k).get("path")))
          .rescaledFrame(0, null);
      int columns = volume.shape()[0];
      for (int v = 0; v < hu.length; v++) {
        if (volume.at(v % columns, v / columns, k) != hu[v]) {
          throw new AssertionError("slice " + k + " pixel " + v + ": " + volume.at(v % columns,
              v / columns, k) + " is not the decoded " + hu[v]);
        }
      }
    }
  }

  /** The label image against masks from SQL's roi_mask, the larger label painted last. */
  private static void assertLabels(Nibabel.Volume volume, List<Map<String, Object>> slices,
      Map<String, String> row) throws Exception {
    String[] rois = row.get("roi_numbers").split(" ");
    String[] labels = row.get("labels").split(" ");
    Integer[] order = new Integer[rois.length];
    for (int r = 0; r < rois.length; r++) {
      order[r] = r;
    }
    Arrays.sort(order, (a, b) -> Integer.parseInt(labels[a])
        - Integer.parseInt(labels[b]));
    int columns = volume.shape()[0];
    int painted = 0;
    for (int k = 0; k < slices.size(); k++) {
      int[] expected = new int[columns * volume.shape()[1]];
      for (int r : order) {
        byte[] mask = (byte[]) Rows.of(connection, "SELECT roi_mask('" + row.get("rtss_uid")
            + "', " + rois[r] + ", '" + slices.get(k).get("sop_uid") + "')").get(0).get(0);
        if (mask == null) {
          continue;
        }
        RoaringBitmap bitmap = new RoaringBitmap();
        bitmap.deserialize(new DataInputStream(new ByteArrayInputStream(mask)));
        int label = Integer.parseInt(labels[r]);
        bitmap.forEach((int pixel) -> expected[pixel] = label);
      }
      for (int v = 0; v < expected.length; v++) {
        painted += expected[v] != 0 ? 1 : 0;
        assertThat(volume.at(v % columns, v / columns, k)).as("label at slice %d voxel %d",
            k, v).isEqualTo(expected[v]);
      }
    }
    assertThat(painted).as("labelled voxels in " + row).isPositive();
  }

  @Test
  void channelsArePhasesResampledOntoTheAnnotatedGrid() throws Exception {
    Nibabel.assumeScipyInstalled();
    Path all = tmp.resolve("all-series");
    new Exporter(connection, data, 2, ExportListener.NONE).export("SELECT series_uid,"
        + " patient_id AS case_id FROM series WHERE modality = 'CT' AND series_uid <> '"
        + ExportedData.OBLIQUE_SERIES + "'", Exporter.Format.NIFTI, List.of(), all);
    Path out = tmp.resolve("nnunet");
    Exporter.Summary summary = new Exporter(connection, data, 2, ExportListener.NONE).export(
        "SELECT referenced_series_uid AS series_uid, rtss_uid, roi_number, 1 AS label,"
            + " 'lesion' AS label_name, patient_id AS case_id FROM rois",
        Exporter.Format.NNUNET, List.of(Phase.values()), out);
    List<List<Object>> complete = Rows.of(connection, "SELECT patient_id FROM series WHERE"
        + " phase IS NOT NULL AND series_uid <> '" + ExportedData.OBLIQUE_SERIES + "'"
        + " GROUP BY patient_id HAVING COUNT(DISTINCT phase) = 4");
    assertThat(summary.cases()).isEqualTo(complete.size()).isPositive();
    Nibabel nibabel = new Nibabel(tmp);
    assertThat(nibabel.json(out.resolve("dataset.json")))
        .contains("\"channel_names\": {\"0\": \"CT\", \"1\": \"CT\", \"2\": \"CT\", \"3\": \"CT\"}")
        .contains("\"labels\": {\"background\": 0, \"lesion\": 1}")
        .contains("\"numTraining\": " + complete.size())
        .contains("\"file_ending\": \".nii.gz\"");
    List<Map<String, String>> manifest = ManifestCsv.read(summary.manifest());
    int resampled = 0;
    for (Map<String, String> row : manifest) {
      if (row.get("file") == null || !row.get("kind").equals("image")) {
        continue;
      }
      String caseId = row.get("case_id");
      Path channel = out.resolve(row.get("file"));
      Path label = out.resolve("labelsTr/" + caseId + ".nii.gz");
      Map<Path, Nibabel.Volume> pair = nibabel.read(List.of(channel, label));
      assertThat(pair.get(channel).shape()).containsExactly(pair.get(label).shape());
      assertThat(pair.get(channel).affine()).containsExactly(pair.get(label).affine());
      Path source = all.resolve(caseId + "/" + row.get("series_uid") + ".nii.gz");
      double[] expected = row.get("series_uid").equals(row.get("grid_series_uid"))
          ? nibabel.read(List.of(source)).get(source).voxels()
          : nibabel.resample(source, label);
      Nibabel.assertAlikeButForTies(pair.get(channel).voxels(), expected);
      resampled += row.get("series_uid").equals(row.get("grid_series_uid")) ? 0 : 1;
    }
    assertThat(resampled).isEqualTo(3 * complete.size());
    assertThat(manifest).anySatisfy(row -> assertThat(row.get("problem"))
        .contains("no series of phase").contains("case left out"));
  }

  @Test
  void whatCannotBeExportedIsAManifestRowSayingWhy() throws Exception {
    Path out = tmp.resolve("left-out");
    List<Object> roi = Rows.of(connection, "SELECT rtss_uid, roi_number, referenced_series_uid"
        + " FROM rois ORDER BY rtss_uid DESC, roi_number").get(0);
    String otherFrame = (String) Rows.of(connection, "SELECT series_uid FROM series WHERE"
        + " modality = 'CT' AND frame_of_reference_uid <> (SELECT frame_of_reference_uid FROM"
        + " series WHERE series_uid = '" + roi.get(2) + "')").get(0).get(0);
    String structureSetSeries = (String) Rows.of(connection, "SELECT series_uid FROM"
        + " structure_sets WHERE rtss_uid = '" + roi.get(0) + "'").get(0).get(0);
    String rows = "'" + roi.get(0) + "' AS rtss_uid, " + roi.get(1) + " AS roi_number";
    Exporter.Summary summary = new Exporter(connection, data, 1, ExportListener.NONE).export(
        "SELECT '1.2.3.4' AS series_uid, " + rows + " UNION ALL SELECT '" + structureSetSeries
            + "', " + rows + " UNION ALL SELECT '" + otherFrame + "', " + rows,
        Exporter.Format.NIFTI, List.of(), out);
    List<String> problems = ManifestCsv.read(summary.manifest()).stream()
        .map(row -> row.get("file") + " " + row.get("problem")).toList();
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .isEqualTo("null the data folder has no series 1.2.3.4"));
    assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo("null series "
        + structureSetSeries + " has no images with a position, orientation and spacing in"
        + " the data folder"));
    assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo("null ROI not painted: ROI "
        + roi.get(1) + " was drawn on series " + roi.get(2) + ", outside the frame of"
        + " reference of series " + otherFrame));
    assertThat(summary.cases()).isEqualTo(1);
  }
}
