package dicomsql.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomsql.engine.index.DicomIndex;
import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CT series whose slices are cut short inside their pixel data (the last 1,500 of their 2,048 pixel bytes gone): the embedded
 * {@code roi_hu_stat} fails each call on that series, and {@code roi_measurements} gives those
 * rows NULL statistics with the same error in {@code hu_error} instead of failing the job; the
 * other rows are the embedded functions' values.
 */
class UnreadablePixelsTest {
  private static final int SERIES_UID = ContractTable.INSTANCES.indexOf("series_uid");
  private static final int PATH = ContractTable.INSTANCES.indexOf("path");

  @TempDir
  Path temp;

  @Test
  void aSeriesThatCannotBeDecodedGivesNullStatisticsAndTheEmbeddedError()
      throws IOException, SQLException {
    Path data = temp.resolve("data");
    new DatasetGenerator(new SynthOptions(1, 5, 32, 6, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    String damaged;
    try (DicomIndex index = TestData.index(data, temp.resolve("intact"), null)) {
      damaged = (String) TestData.rows(index, ContractTable.ROIS).get(0)
          .get(ContractTable.ROIS.indexOf("referenced_series_uid"));
      for (List<Object> instance : TestData.rows(index, ContractTable.INSTANCES)) {
        if (damaged.equals(instance.get(SERIES_UID))) {
          Path file = data.resolve((String) instance.get(PATH));
          byte[] bytes = Files.readAllBytes(file);
          Files.write(file, Arrays.copyOf(bytes, bytes.length - 1500));
        }
      }
    }
    Path index = temp.resolve("index");

    List<List<Object>> rows = LocalSpark.rows(LocalSpark.session().read().format("dicom")
        .option("table", "roi_measurements").load(data.toString()));
    int series = ContractTable.ROI_MEASUREMENTS.indexOf("series_uid");
    int mean = ContractTable.ROI_MEASUREMENTS.indexOf("hu_mean");
    int error = ContractTable.ROI_MEASUREMENTS.indexOf("hu_error");
    List<List<Object>> failed = new ArrayList<>();
    List<List<Object>> measured = new ArrayList<>();
    for (List<Object> row : rows) {
      (damaged.equals(row.get(series)) ? failed : measured).add(row);
    }
    assertThat(failed).isNotEmpty();
    assertThat(measured).isNotEmpty();
    for (List<Object> row : failed) {
      assertThat(row.subList(mean, error)).containsOnlyNulls();
      assertThat(row.get(ContractTable.ROI_MEASUREMENTS.indexOf("voxel_count"))).isNotNull();
      assertThat((String) row.get(error)).startsWith("roi_hu_stat: ").contains("truncated");
      String call = "SELECT roi_hu_stat('" + row.get(0) + "', " + row.get(1) + ", '"
          + damaged + "', 'mean')";
      assertThatThrownBy(() -> Embedded.query(data, index, call))
          .isInstanceOf(SQLException.class)
          .hasStackTraceContaining((String) row.get(error));
    }
    assertThat(measured).isEqualTo(Embedded.query(data, index, Embedded.ROI_MEASUREMENTS
        + " WHERE s.series_uid <> '" + damaged + "'"));
  }
}
