package dicomsql.server.web;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The schema as the shell's {@code \d} and {@code \df} show it, read from the driver's
 * {@code DatabaseMetaData} as any JDBC client would: tables with their columns (type, whether
 * NULL is allowed, place in the primary key, the column a foreign key refers to), and
 * functions with their signatures and what they give.
 */
final class SchemaCatalog {
  static final String SCHEMA = "dicom";

  record Column(String name, String type, boolean nullable, int keySeq, String references) {}

  record Table(String name, String remarks, List<Column> columns) {}

  private final List<Table> tables;
  private final List<SqlFunctions.Function> functions;

  private SchemaCatalog(List<Table> tables, List<SqlFunctions.Function> functions) {
    this.tables = tables;
    this.functions = functions;
  }

  /**
   * Reads the schema in six calls of the metadata, whatever the number of tables (each call is
   * a query of its own for the driver; one per table made a cold page wait seconds).
   */
  static SchemaCatalog read(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    Map<String, String> remarks = new TreeMap<>();
    try (ResultSet rows = meta.getTables(null, SCHEMA, "%", null)) {
      while (rows.next()) {
        String remark = rows.getString("REMARKS");
        remarks.put(rows.getString("TABLE_NAME"), remark == null ? "" : remark);
      }
    }
    Map<String, Integer> key = new HashMap<>();
    try (ResultSet rows = meta.getPrimaryKeys(null, SCHEMA, null)) {
      while (rows.next()) {
        key.put(rows.getString("TABLE_NAME") + "." + rows.getString("COLUMN_NAME"),
            rows.getInt("KEY_SEQ"));
      }
    }
    Map<String, String> references = new HashMap<>();
    try (ResultSet rows = meta.getImportedKeys(null, SCHEMA, null)) {
      while (rows.next()) {
        references.put(rows.getString("FKTABLE_NAME") + "." + rows.getString("FKCOLUMN_NAME"),
            rows.getString("PKTABLE_NAME") + "." + rows.getString("PKCOLUMN_NAME"));
      }
    }
    Map<String, List<Column>> columns = new HashMap<>();
    try (ResultSet rows = meta.getColumns(null, SCHEMA, "%", "%")) {
      while (rows.next()) {
        String table = rows.getString("TABLE_NAME");
        String name = rows.getString("COLUMN_NAME");
        columns.computeIfAbsent(table, t -> new ArrayList<>()).add(new Column(name,
            rows.getString("TYPE_NAME"), "YES".equals(rows.getString("IS_NULLABLE")),
            key.getOrDefault(table + "." + name, 0), references.get(table + "." + name)));
      }
    }
    List<Table> tables = new ArrayList<>();
    for (Map.Entry<String, String> table : remarks.entrySet()) {
      tables.add(new Table(table.getKey(), table.getValue(),
          List.copyOf(columns.getOrDefault(table.getKey(), List.of()))));
    }
    return new SchemaCatalog(List.copyOf(tables), SqlFunctions.read(connection, SCHEMA));
  }

  List<Table> tables() {
    return tables;
  }

  List<SqlFunctions.Function> functions() {
    return functions;
  }

  /** The table of this name (case ignored), or null. */
  Table table(String name) {
    for (Table table : tables) {
      if (table.name().equalsIgnoreCase(name)) {
        return table;
      }
    }
    return null;
  }
}
