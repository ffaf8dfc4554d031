package dicomsql.export;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the export query: a series to export and, optionally, one ROI of a structure set
 * to paint into its label image with a label value.
 *
 * @param number the row's 1-based position in the result, for messages
 * @param caseId the case the row belongs to; null: the series' patient
 * @param labelName what the label means (nnU-Net's dataset.json), null when not given
 */
record ExportRow(int number, String seriesUid, String rtssUid, Integer roiNumber, int label,
    String caseId, String labelName) {

  /** The columns a query may return, by name; others are ignored. */
  static final List<String> COLUMNS =
      List.of("series_uid", "rtss_uid", "roi_number", "label", "case_id", "label_name");

  boolean hasRoi() {
    return rtssUid != null;
  }

  /** Reads every row; throws with a message naming the column when the result cannot be used. */
  static List<ExportRow> read(ResultSet result) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    Map<String, Integer> columns = new HashMap<>();
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      columns.putIfAbsent(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), c);
    }
    if (!columns.containsKey("series_uid")) {
      throw new IllegalArgumentException("the export query must return a series_uid column"
          + " (and may return " + String.join(", ", COLUMNS.subList(1, COLUMNS.size())) + ")");
    }
    if (columns.containsKey("rtss_uid") != columns.containsKey("roi_number")) {
      throw new IllegalArgumentException("the export query must return rtss_uid and roi_number"
          + " together");
    }
    List<ExportRow> rows = new ArrayList<>();
    int number = 0;
    while (result.next()) {
      number++;
      String rtss = text(result, columns.get("rtss_uid"));
      Integer roi = whole(result, columns.get("roi_number"), number, "roi_number");
      if ((rtss == null) != (roi == null)) {
        throw new IllegalArgumentException("row " + number + " names " + (rtss == null
            ? "a roi_number but no rtss_uid" : "an rtss_uid but no roi_number"));
      }
      Integer label = whole(result, columns.get("label"), number, "label");
      if (label != null && (label < 1 || label > 255)) {
        throw new IllegalArgumentException("row " + number + " has label " + label
            + "; labels are 1 to 255 (0 is the background)");
      }
      rows.add(new ExportRow(number, text(result, columns.get("series_uid")), rtss, roi,
          label == null ? 1 : label, text(result, columns.get("case_id")),
          text(result, columns.get("label_name"))));
    }
    return rows;
  }

  private static String text(ResultSet result, Integer column) throws SQLException {
    if (column == null) {
      return null;
    }
    String value = result.getString(column);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Integer whole(ResultSet result, Integer column, int row, String name)
      throws SQLException {
    if (column == null) {
      return null;
    }
    Object value = result.getObject(column);
    if (value == null) {
      return null;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException("row " + row + ": " + name + " must be a whole number,"
        + " not '" + value + "'");
  }
}
