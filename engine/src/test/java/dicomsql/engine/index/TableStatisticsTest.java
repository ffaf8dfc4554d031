package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics and the column-wise values the index keeps, checked against the same figures
 * and values taken from the rows.
 */
class TableStatisticsTest {
  @TempDir
  Path tmp;

  @Test
  void statisticsMatchTheRowsAfterABuildAndAfterARefresh() throws IOException {
    Path data = TestData.generate(tmp.resolve("data"), 3, 5, 32, 6);
    TestData.takeTruth(data, "truth.csv");
    TestData.takeTruth(data, "truth_series.csv");
    IndexOptions options = IndexOptions.defaults().withFolder(tmp.resolve("index"));
    try (DicomIndex index = DicomIndex.open(data, options)) {
      assertMatchRows(index);
    }
    Files.delete(TestData.files(data.resolve("HCC_0001")).get(0));
    Files.delete(data.resolve("HCC_0002/401/001.dcm"));
    Path other = TestData.generate(tmp.resolve("other"), 1, 77, 32, 6);
    TestData.takeTruth(other, "truth.csv");
    TestData.takeTruth(other, "truth_series.csv");
    for (Path file : TestData.files(other)) {
      Path target = data.resolve("extra").resolve(other.relativize(file));
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
    try (DicomIndex index = DicomIndex.open(data, options)) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.REFRESHED);
      assertMatchRows(index);
    }
  }

  private static void assertMatchRows(DicomIndex index) {
    for (TableDefinition definition : Tables.ALL) {
      IndexTable table = index.table(definition.name());
      List<Object[]> rows = TestData.rows(index, definition.name());
      TableStatistics statistics = table.statistics();
      assertThat(statistics.rowCount()).as(definition.name()).isEqualTo(rows.size());
      assertThat(statistics.keyUnique()).as(definition.name() + " key")
          .isEqualTo(keyHolds(definition, rows));
      for (int c = 0; c < definition.width(); c++) {
        assertColumn(definition, c, rows, statistics.column(c), table.isIndexed(c));
        assertColumnWise(definition, c, rows, table);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void assertColumn(TableDefinition definition, int column, List<Object[]> rows,
      ColumnStatistics statistics, boolean indexed) {
    String name = definition.name() + "." + definition.column(column).name();
    List<Object> values = new ArrayList<>();
    long nulls = 0;
    long sum = 0;
    for (Object[] row : rows) {
      if (row[column] == null) {
        nulls++;
      } else {
        values.add(row[column]);
        if (row[column] instanceof Integer || row[column] instanceof Long) {
          sum += ((Number) row[column]).longValue();
        }
      }
    }
    assertThat(statistics.nulls()).as(name + " nulls").isEqualTo(nulls);
    ColumnType type = definition.column(column).type();
    if (type == ColumnType.INTEGER || type == ColumnType.BIGINT) {
      assertThat(statistics.sum()).as(name + " sum").isEqualTo(sum);
    } else {
      assertThat(statistics.sum()).as(name + " sum").isNull();
    }
    if (!indexed) {
      assertThat(statistics.distinct()).as(name + " distinct").isEqualTo(-1);
      return;
    }
    assertThat(statistics.distinct()).as(name + " distinct")
        .isEqualTo(new HashSet<>(values).size());
    if (definition.column(column).name().equals("path")
        && (definition == Tables.INSTANCES || definition == Tables.SCAN_ERRORS)) {
      // Paths are looked up in the file states, which keep no ends per table.
      assertThat(statistics.min()).as(name + " min").isNull();
    } else if (!values.isEmpty()) {
      Comparator<Object> order = (a, b) -> ((Comparable) a).compareTo(b);
      assertThat(statistics.min()).as(name + " min").isEqualTo(values.stream().min(order)
          .orElse(null));
      assertThat(statistics.max()).as(name + " max").isEqualTo(values.stream().max(order)
          .orElse(null));
    } else {
      assertThat(statistics.min()).as(name + " min of no values").isNull();
    }
  }

  /**
   * The shown numeric columns, and the hidden ones that summarise contours, are kept
   * column-wise too, with the rows' values (nulls left out), in id order; other columns are
   * not.
   */
  private static void assertColumnWise(TableDefinition definition, int column,
      List<Object[]> rows, IndexTable table) {
    Column described = definition.column(column);
    ColumnType type = described.type();
    NumericColumn numbers = table.numbers(column);
    boolean summarising = definition == Tables.CONTOURS
        && described.name().matches("[xyz]_(sum|min|max)");
    boolean kept = (!described.hidden() || summarising) && (type == ColumnType.INTEGER
        || type == ColumnType.BIGINT || type == ColumnType.DOUBLE);
    assertThat(numbers != null).as(definition.name() + "." + described.name() + " kept")
        .isEqualTo(kept);
    if (!kept) {
      return;
    }
    List<Object> expected = new ArrayList<>();
    for (Object[] row : rows) {
      if (row[column] != null) {
        expected.add(row[column]);
      }
    }
    List<Object> values = new ArrayList<>();
    numbers.forEach(table.all(), value -> values.add(switch (type) {
      case INTEGER -> (int) value;
      case BIGINT -> value;
      default -> Double.longBitsToDouble(value);
    }));
    assertThat(values).as(definition.name() + "." + described.name() + " column-wise")
        .isEqualTo(expected);
  }

  private static boolean keyHolds(TableDefinition definition, List<Object[]> rows) {
    Set<List<Object>> seen = new HashSet<>();
    for (Object[] row : rows) {
      List<Object> key = new ArrayList<>();
      for (String column : definition.key()) {
        key.add(row[definition.indexOf(column)]);
      }
      if (key.stream().anyMatch(Objects::isNull) || !seen.add(key)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void aRepeatedCompositeKeyIsNotUnique() {
    MVStore store = new MVStore.Builder().open();
    MVMap<String, Object> meta = store.openMap("meta");
    TableStore rois = new TableStore(store, meta, Tables.ROIS, true);
    Object[] row = new Object[Tables.ROIS.width()];
    row[Tables.ROIS.indexOf("rtss_uid")] = "1.2.3";
    row[Tables.ROIS.indexOf("roi_number")] = 1;
    rois.add(row);
    rois.finish();
    assertThat(rois.statistics().keyUnique()).isTrue();
    Object[] other = row.clone();
    other[Tables.ROIS.indexOf("roi_number")] = 2;
    rois.add(other);
    rois.add(row.clone());
    rois.finish();
    assertThat(rois.statistics().keyUnique()).isFalse();
    assertThat(rois.statistics().rowCount()).isEqualTo(3);
    assertThat(rois.statistics().column(Tables.ROIS.indexOf("roi_number")).sum()).isEqualTo(4);
    store.close();
  }
}
