package dicomsql.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.ReadOptions;
import dicomsql.engine.dicom.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scanner inventory against the headers of the files themselves, read without the index:
 * one protocol row per model, kernel, thickness and matrix, with its series, studies and the
 * range of pixel spacing.
 */
class ScannerInventoryTest {
  private static final ReadOptions HEADERS = ReadOptions.onlyTags(Tag.SOPInstanceUID,
      Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.Modality, Tag.Manufacturer,
      Tag.ManufacturerModelName, Tag.ConvolutionKernel, Tag.SliceThickness, Tag.Rows,
      Tag.Columns, Tag.PixelSpacing);

  /** What the query should report of one protocol. */
  private record Protocol(List<String> series, TreeSet<String> studies, TreeSet<Double> spacing) {
    Protocol() {
      this(new ArrayList<>(), new TreeSet<>(), new TreeSet<>());
    }
  }

  @Test
  void inventoryCountsTheSeriesOfEachProtocolAsTheirHeadersSay() throws Exception {
    GeneratedCases cases = GeneratedCases.shared();
    Map<String, Protocol> expected = new TreeMap<>();
    for (DataSet header : firstInstanceOfEachCtSeries(cases.data)) {
      String key = String.join("|", header.getText(Tag.Manufacturer),
          header.getText(Tag.ManufacturerModelName), header.getText(Tag.ConvolutionKernel),
          header.getDouble(Tag.SliceThickness).toString(), header.getInt(Tag.Rows).toString(),
          header.getInt(Tag.Columns).toString());
      Protocol protocol = expected.computeIfAbsent(key, k -> new Protocol());
      protocol.series().add(header.getString(Tag.SeriesInstanceUID));
      protocol.studies().add(header.getString(Tag.StudyInstanceUID));
      protocol.spacing().add(header.getDoubles(Tag.PixelSpacing)[0]);
    }
    assertThat(expected.values().stream().mapToInt(p -> p.series().size()).sum())
        .isEqualTo(cases.series.size());
    try (Connection connection = cases.connect()) {
      List<Map<String, Object>> rows =
          QueryRows.of(connection, CookbookQuery.load("scanner-inventory"));
      assertThat(rows).hasSameSizeAs(expected.keySet());
      for (Map<String, Object> row : rows) {
        String key = String.join("|", (String) row.get("manufacturer"),
            (String) row.get("model_name"), (String) row.get("kernel"),
            row.get("slice_thickness").toString(), row.get("rows").toString(),
            row.get("columns").toString());
        Protocol protocol = expected.get(key);
        assertThat(protocol).as(key).isNotNull();
        assertThat(row.get("series")).isEqualTo((long) protocol.series().size());
        assertThat(row.get("studies")).isEqualTo((long) protocol.studies().size());
        assertThat(row.get("min_row_spacing")).isEqualTo(protocol.spacing().first());
        assertThat(row.get("max_row_spacing")).isEqualTo(protocol.spacing().last());
        // The generator places slices 5 mm apart in every series.
        assertThat(row.get("min_slice_spacing")).isEqualTo(5.0);
        assertThat(row.get("max_slice_spacing")).isEqualTo(5.0);
      }
    }
  }

  /** The header of the instance with the lowest SOP Instance UID of each CT series. */
  private static List<DataSet> firstInstanceOfEachCtSeries(Path data) throws IOException {
    Map<String, DataSet> first = new TreeMap<>();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".dcm")).toList()) {
        DataSet header = DataSet.read(file, HEADERS);
        String series = header.getString(Tag.SeriesInstanceUID);
        DataSet known = first.get(series);
        if ("CT".equals(header.getString(Tag.Modality)) && (known == null
            || header.getString(Tag.SOPInstanceUID)
                .compareTo(known.getString(Tag.SOPInstanceUID)) < 0)) {
          first.put(series, header);
        }
      }
    }
    return new ArrayList<>(first.values());
  }
}
