package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The raster functions on a generated dataset whose CT images dcmtk compressed losslessly give
 * exactly what they give on the original files: every HU statistic of every ROI on every CT
 * series of its study, and every outline picture.
 */
class CompressedRasterTest {
  private static final String MEASURES = "SELECT r.rtss_uid, r.roi_number, s.series_uid, "
      + "roi_hu_mean(r.rtss_uid, r.roi_number, s.series_uid), "
      + "roi_hu_stat(r.rtss_uid, r.roi_number, s.series_uid, 'median'), "
      + "roi_hu_stat(r.rtss_uid, r.roi_number, s.series_uid, 'std') "
      + "FROM rois r JOIN structure_sets t ON t.rtss_uid = r.rtss_uid "
      + "JOIN series s ON s.study_uid = t.study_uid AND s.modality = 'CT' "
      + "ORDER BY 1, 2, 3";
  private static final String PICTURES = "SELECT r.rtss_uid, r.roi_number, i.sop_uid, "
      + "roi_png(r.rtss_uid, r.roi_number, i.sop_uid) FROM rois r "
      + "JOIN instances i ON i.series_uid = r.referenced_series_uid ORDER BY 1, 2, 3";

  @TempDir
  static Path tmp;
  private static Path original;

  @BeforeAll
  static void generate() throws Exception {
    original = tmp.resolve("original");
    new DatasetGenerator(new SynthOptions(1, 5, 32, 12, 1)).generate(original,
        DatasetGenerator.Listener.NONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dcmcjpeg +e1", "dcmcjpls", "dcmcrle"})
  void compressedImagesMeasureExactlyAsTheOriginals(String tool) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool.split(" ")[0])),
        tool + " is not installed (Debian: apt-get install dcmtk)");
    Path compressed = tmp.resolve(tool.replaceAll("\\W+", "_"));
    convertImages(original, compressed, List.of(tool.split(" ")));
    List<List<Object>> expected = query(original, MEASURES);
    assertThat(expected).hasSizeGreaterThanOrEqualTo(4);
    assertThat(expected).allSatisfy(row -> assertThat(row.get(3)).isNotNull());
    assertThat(query(compressed, MEASURES)).isEqualTo(expected);
    assertThat(pictures(compressed)).isEqualTo(pictures(original));
  }

  /**
   * 12-bit lossy JPEG (extended sequential, what dcmcjpeg makes of 12-bit CT) measures exactly as
   * dcmtk's decompressed copy of the same files, and not as the originals. New instance UIDs are
   * turned off so the structure sets still point at the images.
   */
  @Test
  void lossyImagesMeasureExactlyAsDcmtkDecompressesThem() throws Exception {
    for (String tool : List.of("dcmcjpeg", "dcmdjpeg")) {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)),
          tool + " is not installed (Debian: apt-get install dcmtk)");
    }
    Path lossy = tmp.resolve("lossy");
    convertImages(original, lossy, List.of("dcmcjpeg", "+ee", "+q", "75", "+un"));
    Path decompressed = tmp.resolve("decompressed");
    convertImages(lossy, decompressed, List.of("dcmdjpeg"));
    List<List<Object>> expected = query(decompressed, MEASURES);
    assertThat(expected).allSatisfy(row -> assertThat(row.get(3)).isNotNull())
        .isNotEqualTo(query(original, MEASURES));
    assertThat(query(lossy, MEASURES)).isEqualTo(expected);
  }

  /** Each picture's key and its bytes in hex, since arrays compare by identity. */
  private static List<String> pictures(Path data) throws SQLException {
    return query(data, PICTURES).stream().map(row -> row.subList(0, 3) + " "
        + (row.get(3) == null ? null : HexFormat.of().formatHex((byte[]) row.get(3)))).toList();
  }

  private static List<List<Object>> query(Path data, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + tmp.resolve(data.getFileName() + "-index"))) {
      return QueryRows.of(connection, sql);
    }
  }

  /** A copy of a data folder with every CT image, as the index lists them, run through a tool. */
  private static void convertImages(Path from, Path to, List<String> tool) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    for (List<Object> row : query(from, "SELECT i.path FROM instances i JOIN series s "
        + "ON s.series_uid = i.series_uid WHERE s.modality = 'CT'")) {
      List<String> command = new ArrayList<>(tool);
      command.add(from.resolve((String) row.get(0)).toString());
      command.add(to.resolve((String) row.get(0)).toString());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(command + " failed: " + output);
      }
    }
  }
}
