package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a BI tool reads of the schema through {@code DatabaseMetaData}. */
class MetadataTest {
  @TempDir
  static Path tmp;
  private static Connection connection;
  private static DatabaseMetaData meta;

  @BeforeAll
  static void open() throws Exception {
    connection = SmallDataset.connect(tmp);
    meta = connection.getMetaData();
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /** Each row as the given columns joined by '|'. */
  private static List<String> rows(ResultSet result, String... columns) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (result) {
      while (result.next()) {
        StringJoiner row = new StringJoiner("|");
        for (String column : columns) {
          row.add(result.getString(column));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test
  void relationsAreDeclaredAsForeignKeys() throws SQLException {
    assertThat(rows(meta.getImportedKeys(null, "dicom", "contours"), "PKTABLE_NAME",
        "PKCOLUMN_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "FK_NAME")).containsExactly(
            "rois|rtss_uid|rtss_uid|1|fk_contours_rois",
            "rois|roi_number|roi_number|2|fk_contours_rois");
    assertThat(rows(meta.getImportedKeys(null, "dicom", "rois"), "PKTABLE_NAME",
        "FKCOLUMN_NAME")).containsExactly("series|referenced_series_uid",
            "structure_sets|rtss_uid");
    assertThat(rows(meta.getExportedKeys(null, "dicom", "studies"), "FKTABLE_NAME",
        "FKCOLUMN_NAME")).containsExactly("series|study_uid", "structure_sets|study_uid");
    assertThat(rows(meta.getImportedKeys(null, "dicom", "series"), "PKTABLE_NAME"))
        .containsExactly("studies");
    assertThat(rows(meta.getCrossReference(null, "dicom", "patients", null, "dicom",
        "studies"), "FKCOLUMN_NAME")).containsExactly("patient_id");
  }

  @Test
  void keyColumnsAreNotNullAndEveryColumnHasASize() throws SQLException {
    assertThat(rows(meta.getColumns(null, "dicom", "rois", "%"), "COLUMN_NAME", "IS_NULLABLE",
        "NULLABLE")).contains("rtss_uid|NO|0", "roi_number|NO|0", "roi_name|YES|1");
    assertThat(rows(meta.getColumns(null, "dicom", "%", "%"), "COLUMN_SIZE"))
        .doesNotContain("-1").doesNotContainNull();
    assertThat(rows(meta.getColumns(null, "dicom", "series", "rows"), "TYPE_NAME",
        "COLUMN_SIZE")).containsExactly("INTEGER|10");
  }

  @Test
  void tablesComeSortedAndThereAreNoNullCatalogs() throws SQLException {
    List<String> tables = rows(meta.getTables(null, null, "%", null), "TABLE_TYPE",
        "TABLE_SCHEM", "TABLE_NAME");
    assertThat(tables).isSorted().contains("TABLE|dicom|rois");
    assertThat(rows(meta.getTables(null, "dicom", "%", null), "TABLE_NAME", "REMARKS"))
        .contains("rois|one row per ROI of a structure set",
            "instances|one row per readable DICOM file")
        .allSatisfy(row -> assertThat(row).doesNotEndWith("|null"));
    assertThat(rows(meta.getCatalogs(), "TABLE_CAT")).isEmpty();
  }

  @Test
  void functionsListTheirParametersAndResults() throws SQLException {
    assertThat(rows(meta.getFunctionColumns(null, "dicom", "roi_volume_cc", "%"),
        "COLUMN_NAME", "COLUMN_TYPE", "TYPE_NAME", "ORDINAL_POSITION")).containsExactly(
            "|" + DatabaseMetaData.functionReturn + "|DOUBLE|0",
            "rtss_uid|" + DatabaseMetaData.functionColumnIn + "|VARCHAR|1",
            "roi_number|" + DatabaseMetaData.functionColumnIn + "|INTEGER|2");
    assertThat(rows(meta.getFunctionColumns(null, "dicom", "mask_count", "%"), "COLUMN_NAME"))
        .containsExactly("", "mask");
    assertThat(rows(meta.getFunctionColumns(null, "dicom", "roi_slices", "%"),
        "COLUMN_NAME", "COLUMN_TYPE")).contains("sop_uid|"
            + DatabaseMetaData.functionColumnResult, "problem|"
            + DatabaseMetaData.functionColumnResult);
    assertThat(rows(meta.getFunctionColumns(null, "dicom", "roi_first_order", "%"),
        "COLUMN_NAME", "COLUMN_TYPE", "REMARKS")).endsWith(
            "series_uid|" + DatabaseMetaData.functionColumnIn + "|null",
            "bin_width|" + DatabaseMetaData.functionColumnIn + "|optional");
  }
}
