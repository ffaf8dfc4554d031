package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomWriter;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.TransferSyntax;
import dicomsql.engine.dicom.VR;
import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose header reads but an element after everything the index reads is damaged (a
 * length past the end of the file): indexing cannot see it, reading every element does. A
 * file whose header is whole but whose pixel data is cut short: indexed and reported.
 */
class DamagedFilesTest {
  private static final int OVERLAY_DATA = 0x60003000;

  @TempDir
  Path tmp;

  private static int indexOf(byte[] bytes, byte[] pattern) {
    for (int i = 0; i + pattern.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
        return i;
      }
    }
    throw new AssertionError("pattern not found");
  }

  @Test
  void attributesOfAFileCutShortEndWithAnErrorRowAndTheQueryGoesOn() throws Exception {
    Path data = tmp.resolve("data");
    new DatasetGenerator(new SynthOptions(1, 2, 32, 3, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    Path damaged;
    try (Stream<Path> files = Files.walk(data.resolve("HCC_0001"))) {
      damaged = files.filter(f -> f.toString().endsWith("002.dcm")).sorted().findFirst()
          .orElseThrow();
    }
    String path = data.relativize(damaged).toString();
    DataSet dataSet = DataSet.read(damaged);
    dataSet.remove(Tag.PixelData);
    dataSet.putBytes(OVERLAY_DATA, VR.OW, new byte[16]);
    byte[] bytes = new DicomWriter().toBytes(dataSet, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    // The overlay's header: tag 6000,3000 little endian, "OW", two reserved bytes, length.
    int at = indexOf(bytes, new byte[] {0x00, 0x60, 0x00, 0x30, 'O', 'W'}) + 8;
    bytes[at + 3] = 0x10;
    Files.write(damaged, bytes);
    try (Connection connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + tmp.resolve("index"))) {
      List<List<Object>> rows = QueryRows.of(connection, "SELECT path, tag, keyword, value "
          + "FROM attributes WHERE tag_path = '(error)'");
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).subList(0, 3)).containsExactly(path, null, null);
      assertThat((String) rows.get(0).get(3)).contains("(6000,3000)");
      long files = (Long) QueryRows.of(connection, "SELECT COUNT(DISTINCT path) FROM attributes")
          .get(0).get(0);
      assertThat(files).isEqualTo((Long) QueryRows.of(connection, "SELECT COUNT(*) FROM "
          + "instances").get(0).get(0));
      assertThat(QueryRows.of(connection, "SELECT COUNT(*) FROM attributes WHERE path = '"
          + path + "' AND keyword = 'PatientName'").get(0).get(0)).isEqualTo(1L);
    }
  }

  @Test
  void pixelDataCutShortIsAnInstanceWithItsHeaderAndAScanError() throws Exception {
    Path truncated = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/"
        + "MR_truncated.dcm");
    assumeTrue(Files.isRegularFile(truncated), "pydicom's test files (python3-pydicom)");
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.copy(truncated, data.resolve("MR_truncated.dcm"));
    Process pydicom = new ProcessBuilder("/usr/bin/python3", "-c", "import pydicom,sys; "
        + "ds = pydicom.dcmread(sys.argv[1], stop_before_pixels=True); "
        + "print(ds.SOPInstanceUID, ds.Rows, ds.SliceThickness)", truncated.toString())
        .redirectErrorStream(true).start();
    String[] header = new String(pydicom.getInputStream().readAllBytes()).strip().split(" ");
    assumeTrue(pydicom.waitFor() == 0, "pydicom is not installed");
    try (Connection connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + tmp.resolve("index"))) {
      assertThat(QueryRows.of(connection, "SELECT sop_uid, rows, slice_thickness FROM "
          + "instances")).containsExactly(List.of(header[0], Integer.parseInt(header[1]),
              Double.parseDouble(header[2])));
      assertThat(QueryRows.of(connection, "SELECT path, error, file_size FROM scan_errors"))
          .containsExactly(List.of("MR_truncated.dcm",
              "truncated at byte 9630 inside (7FE0,0010)", Files.size(truncated)));
      assertThat(QueryRows.of(connection, "SELECT value FROM attributes WHERE tag_path = "
          + "'(error)'")).containsExactly(List.of("truncated at byte 9630 inside (7FE0,0010)"));
    }
  }
}
