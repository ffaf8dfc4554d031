package dicomsql.jdbc;

import dicomsql.connector.functions.DicomFunctions;
import dicomsql.connector.DicomSchema;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableFunction;

/**
 * A {@code jdbc:dicom:} connection's {@code DatabaseMetaData}: Avatica's, over Calcite's
 * metadata, with what BI tools need besides: the URL as written, read-only, the user; the
 * contract's primary keys (and their columns NOT NULL), its relations as foreign keys, column
 * sizes, tables in the order JDBC asks, no catalogs, and every function with its signature,
 * parameters and result.
 */
final class DicomMetaData extends AvaticaDatabaseMetaData {
  private static final String SCHEMA = "dicom";
  private static final String KEY_COLUMNS = "PKTABLE_CAT VARCHAR, PKTABLE_SCHEM VARCHAR, "
      + "PKTABLE_NAME VARCHAR, PKCOLUMN_NAME VARCHAR, FKTABLE_CAT VARCHAR, "
      + "FKTABLE_SCHEM VARCHAR, FKTABLE_NAME VARCHAR, FKCOLUMN_NAME VARCHAR, KEY_SEQ SMALLINT, "
      + "UPDATE_RULE SMALLINT, DELETE_RULE SMALLINT, FK_NAME VARCHAR, PK_NAME VARCHAR, "
      + "DEFERRABILITY SMALLINT";
  /** The REMARKS of a function's parameter that may be left out. */
  static final String OPTIONAL = "optional";

  private final DicomConnection connection;

  DicomMetaData(DicomConnection connection) {
    super(connection);
    this.connection = connection;
  }

  @Override
  public String getURL() {
    return connection.url();
  }

  @Override
  public String getUserName() {
    return System.getProperty("user.name");
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    return MetadataRows.of("TABLE_CAT VARCHAR").query(connection);
  }

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern,
      String[] types) throws SQLException {
    return tables(super.getTables(catalog, schemaPattern, tableNamePattern, types));
  }

  @Override
  public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern,
      String columnNamePattern) throws SQLException {
    return columns(super.getColumns(catalog, schemaPattern, tableNamePattern,
        columnNamePattern));
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table)
      throws SQLException {
    return primaryKeys(schema, table);
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return keys(null, null, schema, table);
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return keys(schema, table, null, null);
  }

  @Override
  public ResultSet getCrossReference(String parentCatalog, String parentSchema,
      String parentTable, String foreignCatalog, String foreignSchema, String foreignTable)
      throws SQLException {
    return keys(parentSchema, parentTable, foreignSchema, foreignTable);
  }

  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern,
      String functionNamePattern) throws SQLException {
    return functions(schemaPattern, functionNamePattern);
  }

  @Override
  public ResultSet getFunctionColumns(String catalog, String schemaPattern,
      String functionNamePattern, String columnNamePattern) throws SQLException {
    return functionColumns(schemaPattern, functionNamePattern, columnNamePattern);
  }

  /**
   * Calcite's tables ordered as JDBC says (by type, catalog, schema and name), with what a row
   * of each of ours is as REMARKS.
   */
  private ResultSet tables(ResultSet calciteTables) throws SQLException {
    MetadataRows tables = MetadataRows.copyOf(calciteTables);
    int schema = tables.column("TABLE_SCHEM");
    int name = tables.column("TABLE_NAME");
    int remarks = tables.column("REMARKS");
    for (Object[] row : tables.rows()) {
      if (SCHEMA.equals(row[schema])) {
        row[remarks] = TableRemarks.of((String) row[name]);
      }
    }
    Comparator<Object[]> order = Comparator.comparing(row -> "");
    for (String column : List.of("TABLE_TYPE", "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME")) {
      int at = tables.column(column);
      order = order.thenComparing(row -> Objects.toString(row[at], ""));
    }
    tables.rows().sort(order);
    return tables.query(connection);
  }

  /**
   * Calcite's columns with the primary keys' columns NOT NULL and a COLUMN_SIZE where Calcite
   * says -1: the digits of a number, the characters of a date or time, and for text and binary
   * values, which have no bound, the largest size JDBC can say.
   */
  private ResultSet columns(ResultSet calciteColumns) throws SQLException {
    MetadataRows columns = MetadataRows.copyOf(calciteColumns);
    Set<String> keyColumns = new HashSet<>();
    for (String[] key : DicomSchema.primaryKeys()) {
      keyColumns.add(key[0] + "." + key[1]);
    }
    int schema = columns.column("TABLE_SCHEM");
    int table = columns.column("TABLE_NAME");
    int name = columns.column("COLUMN_NAME");
    int nullable = columns.column("NULLABLE");
    int isNullable = columns.column("IS_NULLABLE");
    int size = columns.column("COLUMN_SIZE");
    int type = columns.column("DATA_TYPE");
    for (Object[] row : columns.rows()) {
      if (SCHEMA.equals(row[schema]) && keyColumns.contains(row[table] + "." + row[name])) {
        row[nullable] = DatabaseMetaData.columnNoNulls;
        row[isNullable] = "NO";
      }
      if (row[size] == null || ((Number) row[size]).intValue() < 0) {
        row[size] = size(((Number) row[type]).intValue());
      }
    }
    return columns.query(connection);
  }

  private static Integer size(int type) {
    return switch (type) {
      case Types.TINYINT -> 3;
      case Types.SMALLINT -> 5;
      case Types.INTEGER -> 10;
      case Types.BIGINT -> 19;
      case Types.REAL, Types.FLOAT -> 7;
      case Types.DOUBLE -> 15;
      case Types.BOOLEAN -> 1;
      case Types.DATE -> 10;
      case Types.TIME -> 8;
      case Types.TIMESTAMP -> 23;
      case Types.CHAR, Types.VARCHAR, Types.BINARY, Types.VARBINARY -> Integer.MAX_VALUE;
      default -> null;
    };
  }

  /** The primary keys of the contract's tables. */
  private ResultSet primaryKeys(String schemaName, String table) throws SQLException {
    MetadataRows keys = MetadataRows.of("TABLE_CAT VARCHAR, TABLE_SCHEM VARCHAR, "
        + "TABLE_NAME VARCHAR, COLUMN_NAME VARCHAR, KEY_SEQ SMALLINT, PK_NAME VARCHAR");
    if (schemaName == null || schemaName.equalsIgnoreCase(SCHEMA)) {
      for (String[] key : DicomSchema.primaryKeys()) {
        if (table == null || table.equalsIgnoreCase(key[0])) {
          keys.add(null, SCHEMA, key[0], key[1], Short.valueOf(key[2]), "pk_" + key[0]);
        }
      }
    }
    return keys.query(connection);
  }

  /**
   * The relations between the referenced table (null: any) and the referring one (null: any),
   * ordered as JDBC asks.
   */
  private ResultSet keys(String referencedSchema, String referenced, String referringSchema,
      String referring) throws SQLException {
    MetadataRows keys = MetadataRows.of(KEY_COLUMNS);
    boolean ours = (referencedSchema == null || referencedSchema.equalsIgnoreCase(SCHEMA))
        && (referringSchema == null || referringSchema.equalsIgnoreCase(SCHEMA));
    for (Relations.Relation relation : ours ? Relations.ALL : List.<Relations.Relation>of()) {
      if ((referenced == null || referenced.equalsIgnoreCase(relation.referenced()))
          && (referring == null || referring.equalsIgnoreCase(relation.table()))) {
        for (int i = 0; i < relation.columns().size(); i++) {
          keys.add(null, SCHEMA, relation.referenced(), relation.referencedColumns().get(i),
              null, SCHEMA, relation.table(), relation.columns().get(i), (short) (i + 1),
              (short) DatabaseMetaData.importedKeyNoAction,
              (short) DatabaseMetaData.importedKeyNoAction, relation.name(),
              "pk_" + relation.referenced(), (short) DatabaseMetaData.importedKeyNotDeferrable);
        }
      }
    }
    int table = keys.column(referring == null ? "FKTABLE_NAME" : "PKTABLE_NAME");
    int sequence = keys.column("KEY_SEQ");
    keys.rows().sort(Comparator.comparing((Object[] row) -> (String) row[table])
        .thenComparing(row -> (Short) row[sequence]));
    return keys.query(connection);
  }

  /** The contract's functions, with the signature and meaning as REMARKS. */
  private ResultSet functions(String schemaPattern, String namePattern) throws SQLException {
    MetadataRows functions = MetadataRows.of("FUNCTION_CAT VARCHAR, FUNCTION_SCHEM VARCHAR, "
        + "FUNCTION_NAME VARCHAR, REMARKS VARCHAR, FUNCTION_TYPE SMALLINT, "
        + "SPECIFIC_NAME VARCHAR");
    for (DicomFunctions.Description function : DicomFunctions.descriptions()) {
      if (MetadataRows.matches(schemaPattern, SCHEMA)
          && MetadataRows.matches(namePattern, function.name())) {
        functions.add(null, SCHEMA, function.name(), function.signature() + ": "
            + function.meaning(), (short) (function.table() ? DatabaseMetaData.functionReturnsTable
                : DatabaseMetaData.functionNoTable), function.name());
      }
    }
    return functions.query(connection);
  }

  /**
   * Each function's parameters and result (for a table function, its columns), with their
   * SQL types, as Calcite knows them.
   */
  private ResultSet functionColumns(String schemaPattern, String namePattern,
      String columnPattern) throws SQLException {
    MetadataRows columns = MetadataRows.of("FUNCTION_CAT VARCHAR, FUNCTION_SCHEM VARCHAR, "
        + "FUNCTION_NAME VARCHAR, COLUMN_NAME VARCHAR, COLUMN_TYPE SMALLINT, "
        + "DATA_TYPE INTEGER, TYPE_NAME VARCHAR, PRECISION INTEGER, LENGTH INTEGER, "
        + "SCALE SMALLINT, RADIX SMALLINT, NULLABLE SMALLINT, REMARKS VARCHAR, "
        + "CHAR_OCTET_LENGTH INTEGER, ORDINAL_POSITION INTEGER, IS_NULLABLE VARCHAR, "
        + "SPECIFIC_NAME VARCHAR");
    SchemaPlus dicom = connection.getRootSchema().getSubSchema(SCHEMA);
    JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
    for (DicomFunctions.Description description : DicomFunctions.descriptions()) {
      String name = description.name();
      if (dicom == null || !MetadataRows.matches(schemaPattern, SCHEMA)
          || !MetadataRows.matches(namePattern, name)) {
        continue;
      }
      for (Function function : dicom.getFunctions(name)) {
        List<FunctionParameter> parameters = function.getParameters();
        if (function instanceof ScalarFunction scalar) {
          column(columns, columnPattern, name, "", DatabaseMetaData.functionReturn,
              scalar.getReturnType(types), 0, null);
        } else if (function instanceof TableFunction table) {
          int position = 0;
          for (RelDataTypeField field : table.getRowType(types,
              Collections.nCopies(parameters.size(), null)).getFieldList()) {
            column(columns, columnPattern, name, field.getName(),
                DatabaseMetaData.functionColumnResult, field.getType(), ++position, null);
          }
        }
        List<String> named = parameterNames(description.signature());
        for (FunctionParameter parameter : parameters) {
          column(columns, columnPattern, name, named.size() == parameters.size()
              ? named.get(parameter.getOrdinal()) : parameter.getName(),
              DatabaseMetaData.functionColumnIn, parameter.getType(types),
              parameter.getOrdinal() + 1, parameter.isOptional() ? OPTIONAL : null);
        }
      }
    }
    return columns.query(connection);
  }

  /**
   * The parameter names of a signature such as {@code roi_slices(rtss_uid, roi_number) ...}
   * or {@code roi_first_order(rtss_uid, roi_number, series_uid[, bin_width]) ...} (brackets
   * around the optional ones): Calcite reads functions by reflection, which names their
   * parameters arg0, arg1, ...
   */
  private static List<String> parameterNames(String signature) {
    int open = signature.indexOf('(');
    int close = signature.indexOf(')', open);
    return open < 0 || close < 0 ? List.of()
        : List.of(signature.substring(open + 1, close).replaceAll("[\\[\\]]", "")
            .split(",\\s*"));
  }

  /**
   * @param remarks {@link #OPTIONAL} for a parameter that may be left out, else null
   */
  private static void column(MetadataRows columns, String pattern, String function,
      String name, int kind, RelDataType type, int position, String remarks) {
    if (!MetadataRows.matches(pattern, name)) {
      return;
    }
    columns.add(null, SCHEMA, function, name, (short) kind,
        type.getSqlTypeName().getJdbcOrdinal(),
        type.getSqlTypeName().getName().toUpperCase(Locale.ROOT), null, null, null, null,
        (short) (type.isNullable() ? DatabaseMetaData.functionNullable
            : DatabaseMetaData.functionNoNulls), remarks, null, position,
        type.isNullable() ? "YES" : "NO", function);
  }
}
