package dicomsql.spark;

import dicomsql.engine.index.Column;
import dicomsql.engine.index.ColumnType;
import dicomsql.engine.index.TableDefinition;
import dicomsql.engine.index.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table of the SQL contract as this module serves it: its columns and types as users see
 * them, where each column sits in the rows the engine produces, and where the rows come from —
 * read from the files by executors, derived by a distributed job, or measured
 * on the pixels by another.
 */
enum ContractTable {
  INSTANCES(Source.FILES, Tables.INSTANCES),
  CONTOURS(Source.FILES, Tables.CONTOURS),
  CONTOUR_POINTS(Source.FILES, List.of("rtss_uid", "roi_number", "contour_index", "point_index",
      "x", "y", "z"), List.of(ColumnType.VARCHAR, ColumnType.INTEGER, ColumnType.INTEGER,
      ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE)),
  SCAN_ERRORS(Source.FILES, Tables.SCAN_ERRORS),
  ATTRIBUTES(Source.FILES, List.of("path", "sop_uid", "series_uid", "tag", "tag_path",
      "keyword", "vr", "value"), List.of(ColumnType.VARCHAR, ColumnType.VARCHAR,
      ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.VARCHAR,
      ColumnType.VARCHAR, ColumnType.VARCHAR)),
  SERIES(Source.DERIVED, Tables.SERIES),
  STUDIES(Source.DERIVED, Tables.STUDIES),
  PATIENTS(Source.DERIVED, Tables.PATIENTS),
  STRUCTURE_SETS(Source.DERIVED, Tables.STRUCTURE_SETS),
  ROIS(Source.DERIVED, Tables.ROIS),
  ROI_MEASUREMENTS(Source.MEASURED, RoiMeasurementRows.COLUMNS, RoiMeasurementRows.TYPES);

  /** Where a table's rows come from. */
  enum Source { FILES, DERIVED, MEASURED }

  private final Source source;
  private final List<String> columns;
  private final List<ColumnType> types;
  /** Position of each column in the rows the engine produces for this table. */
  private final int[] positions;

  ContractTable(Source source, TableDefinition stored) {
    this.source = source;
    List<String> names = new ArrayList<>();
    List<ColumnType> kinds = new ArrayList<>();
    for (Column column : stored.columns()) {
      if (!column.hidden()) {
        names.add(column.name());
        kinds.add(column.type());
      }
    }
    this.columns = List.copyOf(names);
    this.types = List.copyOf(kinds);
    this.positions = names.stream().mapToInt(stored::indexOf).toArray();
  }

  ContractTable(Source source, List<String> columns, List<ColumnType> types) {
    this.source = source;
    this.columns = columns;
    this.types = types;
    this.positions = new int[columns.size()];
    for (int k = 0; k < positions.length; k++) {
      positions[k] = k;
    }
  }

  String tableName() {
    return name().toLowerCase(Locale.ROOT);
  }

  Source source() {
    return source;
  }

  List<String> columns() {
    return columns;
  }

  ColumnType type(int column) {
    return types.get(column);
  }

  /** Where column {@code column} sits in an engine row of this table. */
  int position(int column) {
    return positions[column];
  }

  /** Position of a column among the table's columns, or -1. */
  int indexOf(String column) {
    return columns.indexOf(column);
  }

  /** The table of this name (as users type it, any case), or a clear error. */
  static ContractTable named(String name) {
    for (ContractTable table : values()) {
      if (table.tableName().equalsIgnoreCase(name)) {
        return table;
      }
    }
    throw new IllegalArgumentException("no table " + name + " in dicom; the tables are "
        + names());
  }

  static List<String> names() {
    List<String> names = new ArrayList<>();
    for (ContractTable table : values()) {
      names.add(table.tableName());
    }
    return names;
  }
}
