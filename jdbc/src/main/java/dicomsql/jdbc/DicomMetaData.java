package dicomsql.jdbc;

import dicomsql.connector.DicomSchema;
import dicomsql.connector.functions.DicomFunctions;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
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
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableFunction;

/**
 * What a {@code jdbc:dicom:} connection's {@code DatabaseMetaData} says beyond Calcite's, for
 * BI tools: the URL as written, read-only, the user; the contract's primary keys (and their
 * columns NOT NULL), its relations as foreign keys, column sizes, tables in the order JDBC
 * asks, no catalogs, and every function with its signature, parameters and result.
 */
final class DicomMetaData implements InvocationHandler {
  private static final String SCHEMA = "dicom";
  private static final String KEY_COLUMNS = "PKTABLE_CAT VARCHAR, PKTABLE_SCHEM VARCHAR, "
      + "PKTABLE_NAME VARCHAR, PKCOLUMN_NAME VARCHAR, FKTABLE_CAT VARCHAR, "
      + "FKTABLE_SCHEM VARCHAR, FKTABLE_NAME VARCHAR, FKCOLUMN_NAME VARCHAR, KEY_SEQ SMALLINT, "
      + "UPDATE_RULE SMALLINT, DELETE_RULE SMALLINT, FK_NAME VARCHAR, PK_NAME VARCHAR, "
      + "DEFERRABILITY SMALLINT";

  private final DicomConnection connection;
  private final DatabaseMetaData calcite;
  private final Connection calciteConnection;
  private final String url;

  private DicomMetaData(DicomConnection connection, DatabaseMetaData calcite,
      Connection calciteConnection, String url) {
    this.connection = connection;
    this.calcite = calcite;
    this.calciteConnection = calciteConnection;
    this.url = url;
  }

  static DatabaseMetaData wrap(DicomConnection connection, DatabaseMetaData calcite,
      Connection calciteConnection, String url) {
    return (DatabaseMetaData) Proxy.newProxyInstance(DicomMetaData.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class},
        new DicomMetaData(connection, calcite, calciteConnection, url));
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "getURL":
        return url;
      case "isReadOnly":
        return true;
      case "getUserName":
        return System.getProperty("user.name");
      case "getConnection":
        return connection.proxy();
      case "getCatalogs":
        return MetadataRows.of("TABLE_CAT VARCHAR").query(calciteConnection);
      case "getTables":
        return tables((ResultSet) connection.call(calcite, method, args));
      case "getColumns":
        return columns((ResultSet) connection.call(calcite, method, args));
      case "getPrimaryKeys":
        return primaryKeys((String) args[1], (String) args[2]);
      case "getImportedKeys":
        return keys(null, null, (String) args[1], (String) args[2]);
      case "getExportedKeys":
        return keys((String) args[1], (String) args[2], null, null);
      case "getCrossReference":
        return keys((String) args[1], (String) args[2], (String) args[4], (String) args[5]);
      case "getFunctions":
        return functions((String) args[1], (String) args[2]);
      case "getFunctionColumns":
        return functionColumns((String) args[1], (String) args[2], (String) args[3]);
      default:
        return connection.call(calcite, method, args);
    }
  }

  /** Calcite's tables ordered as JDBC says: by type, catalog, schema and name. */
  private ResultSet tables(ResultSet calciteTables) throws SQLException {
    MetadataRows tables = MetadataRows.copyOf(calciteTables);
    Comparator<Object[]> order = Comparator.comparing(row -> "");
    for (String column : List.of("TABLE_TYPE", "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME")) {
      int at = tables.column(column);
      order = order.thenComparing(row -> Objects.toString(row[at], ""));
    }
    tables.rows().sort(order);
    return tables.query(calciteConnection);
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
    return columns.query(calciteConnection);
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
    return keys.query(calciteConnection);
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
    return keys.query(calciteConnection);
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
    return functions.query(calciteConnection);
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
    SchemaPlus dicom = calciteConnection.unwrap(CalciteConnection.class).getRootSchema()
        .getSubSchema(SCHEMA);
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
              scalar.getReturnType(types), 0);
        } else if (function instanceof TableFunction table) {
          int position = 0;
          for (RelDataTypeField field : table.getRowType(types,
              Collections.nCopies(parameters.size(), null)).getFieldList()) {
            column(columns, columnPattern, name, field.getName(),
                DatabaseMetaData.functionColumnResult, field.getType(), ++position);
          }
        }
        List<String> named = parameterNames(description.signature());
        for (FunctionParameter parameter : parameters) {
          column(columns, columnPattern, name, named.size() == parameters.size()
              ? named.get(parameter.getOrdinal()) : parameter.getName(),
              DatabaseMetaData.functionColumnIn, parameter.getType(types),
              parameter.getOrdinal() + 1);
        }
      }
    }
    return columns.query(calciteConnection);
  }

  /**
   * The parameter names of a signature such as {@code roi_slices(rtss_uid, roi_number) ...}:
   * Calcite reads functions by reflection, which names their parameters arg0, arg1, ...
   */
  private static List<String> parameterNames(String signature) {
    int open = signature.indexOf('(');
    int close = signature.indexOf(')', open);
    return open < 0 || close < 0 ? List.of()
        : List.of(signature.substring(open + 1, close).split(",\\s*"));
  }

  private static void column(MetadataRows columns, String pattern, String function,
      String name, int kind, RelDataType type, int position) {
    if (!MetadataRows.matches(pattern, name)) {
      return;
    }
    columns.add(null, SCHEMA, function, name, (short) kind,
        type.getSqlTypeName().getJdbcOrdinal(),
        type.getSqlTypeName().getName().toUpperCase(Locale.ROOT), null, null, null, null,
        (short) (type.isNullable() ? DatabaseMetaData.functionNullable
            : DatabaseMetaData.functionNoNulls), null, null, position,
        type.isNullable() ? "YES" : "NO", function);
  }
}
