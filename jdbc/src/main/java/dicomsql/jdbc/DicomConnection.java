package dicomsql.jdbc;

import dicomsql.connector.DicomFunctions;
import dicomsql.connector.DicomSchema;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * What a {@code jdbc:dicom:} connection adds to Calcite's, through proxies of the JDBC
 * interfaces: closing it lets go of the index; every SQL error is cleaned into one line with a
 * suggestion for a misspelt name; its metadata gives the URL as the user wrote it and the
 * tables' primary keys.
 */
final class DicomConnection implements InvocationHandler, SqlErrors.Names {
  private final Connection delegate;
  private final DicomSchema schema;
  private final String url;
  private final IndexWarnings indexWarnings;
  private Connection proxy;

  private DicomConnection(Connection delegate, DicomSchema schema, String url) {
    this.delegate = delegate;
    this.schema = schema;
    this.url = url;
    this.indexWarnings = new IndexWarnings(schema);
  }

  static Connection wrap(Connection delegate, DicomSchema schema, String url) {
    DicomConnection handler = new DicomConnection(delegate, schema, url);
    handler.proxy = proxy(Connection.class, handler);
    return handler.proxy;
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(DicomConnection.class.getClassLoader(),
        new Class<?>[] {type}, handler));
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "close":
        try {
          return call(delegate, method, args);
        } finally {
          schema.close();
        }
      case "getMetaData":
        DatabaseMetaData metaData = (DatabaseMetaData) call(delegate, method, args);
        return proxy(DatabaseMetaData.class, (p, m, a) -> metaData(metaData, m, a));
      case "getWarnings":
        return indexWarnings.prepend((SQLWarning) call(delegate, method, args));
      case "clearWarnings":
        indexWarnings.clear();
        return call(delegate, method, args);
      case "createStatement":
        return statement(Statement.class, (Statement) call(delegate, method, args));
      case "prepareStatement":
        return statement(PreparedStatement.class,
            (PreparedStatement) call(delegate, method, withNamesQuoted(args)));
      case "prepareCall":
        return statement(CallableStatement.class,
            (CallableStatement) call(delegate, method, withNamesQuoted(args)));
      default:
        return call(delegate, method, args);
    }
  }

  private <T extends Statement> T statement(Class<T> type, T statement) {
    return proxy(type, (p, method, args) -> {
      if (method.getName().equals("getConnection")) {
        return proxy;
      }
      boolean runsSql = method.getName().startsWith("execute")
          || method.getName().equals("addBatch");
      Object result = call(statement, method, runsSql ? withNamesQuoted(args) : args);
      return result instanceof ResultSet rows ? resultSet(rows) : result;
    });
  }

  /** The arguments with the SQL text, when the first is one, passed through ReservedNames. */
  private static Object[] withNamesQuoted(Object[] args) {
    if (args == null || args.length == 0 || !(args[0] instanceof String sql)) {
      return args;
    }
    Object[] quoted = args.clone();
    quoted[0] = ReservedNames.quote(sql);
    return quoted;
  }

  /** Rows are produced while the result set is read: errors then must be cleaned too. */
  private ResultSet resultSet(ResultSet rows) {
    return proxy(ResultSet.class, (p, method, args) -> call(rows, method, args));
  }

  private Object metaData(DatabaseMetaData metaData, Method method, Object[] args)
      throws Throwable {
    switch (method.getName()) {
      case "getURL":
        return url;
      case "getConnection":
        return proxy;
      case "getPrimaryKeys":
        return primaryKeys((String) args[1], (String) args[2]);
      case "getFunctions":
        return functions((String) args[1], (String) args[2]);
      default:
        Object result = call(metaData, method, args);
        return result instanceof ResultSet rows ? resultSet(rows) : result;
    }
  }

  /**
   * Calls through, turning every failure into one clean SQL error: Calcite's own, and what
   * escapes it from running a query (an unreadable file, a division by zero in a constant).
   */
  private Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ExceptionInInitializerError error && error.getCause() != null) {
        cause = error.getCause();
      }
      if (cause instanceof SQLException sql) {
        throw SqlErrors.clean(sql, this);
      }
      if (cause instanceof RuntimeException || cause instanceof LinkageError) {
        throw SqlErrors.clean(new SQLException(SqlErrors.describe(cause), cause), this);
      }
      throw cause;
    }
  }

  /**
   * The primary keys of the contract's tables (TABLE_CAT, TABLE_SCHEM, TABLE_NAME, COLUMN_NAME,
   * KEY_SEQ, PK_NAME), answered by a query so that the result is an ordinary result set.
   */
  private ResultSet primaryKeys(String schemaName, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    if (schemaName == null || schemaName.equalsIgnoreCase("dicom")) {
      for (String[] key : DicomSchema.primaryKeys()) {
        if (table == null || table.equalsIgnoreCase(key[0])) {
          rows.add("(CAST(NULL AS VARCHAR), 'dicom', " + text(key[0]) + ", " + text(key[1])
              + ", " + key[2] + ", " + text("pk_" + key[0]) + ")");
        }
      }
    }
    return rows("TABLE_CAT, TABLE_SCHEM, TABLE_NAME, COLUMN_NAME, KEY_SEQ, PK_NAME",
        "(CAST(NULL AS VARCHAR), 'dicom', '', '', 0, '')", rows, "");
  }

  /**
   * The contract's functions (FUNCTION_CAT, FUNCTION_SCHEM, FUNCTION_NAME, REMARKS,
   * FUNCTION_TYPE, SPECIFIC_NAME), with the signature and meaning as REMARKS, which Calcite
   * leaves empty.
   */
  private ResultSet functions(String schemaPattern, String namePattern) throws SQLException {
    List<String> rows = new ArrayList<>();
    for (DicomFunctions.Description function : DicomFunctions.descriptions()) {
      rows.add("(CAST(NULL AS VARCHAR), 'dicom', " + text(function.name()) + ", "
          + text(function.signature() + ": " + function.meaning()) + ", "
          + (function.table() ? DatabaseMetaData.functionReturnsTable
              : DatabaseMetaData.functionNoTable) + ", " + text(function.name()) + ")");
    }
    return rows("FUNCTION_CAT, FUNCTION_SCHEM, FUNCTION_NAME, REMARKS, FUNCTION_TYPE, "
        + "SPECIFIC_NAME", "(CAST(NULL AS VARCHAR), 'dicom', '', '', 0, '')", rows,
        " WHERE FUNCTION_SCHEM LIKE " + text(schemaPattern == null ? "%" : schemaPattern)
            + " AND FUNCTION_NAME LIKE " + text(namePattern == null ? "%" : namePattern));
  }

  /** Metadata rows as a result set: the VALUES rows, or an empty set shaped like the template. */
  private ResultSet rows(String columns, String template, List<String> rows, String where)
      throws SQLException {
    String values = rows.isEmpty()
        ? "SELECT * FROM (VALUES " + template + ") AS m(" + columns + ") WHERE 1 = 0"
        : "SELECT * FROM (VALUES " + String.join(", ", rows) + ") AS m(" + columns + ")"
            + where;
    return delegate.createStatement().executeQuery(values);
  }

  /** A VARCHAR literal: plain literals would be CHAR and padded to the longest in a VALUES. */
  private static String text(String value) {
    return "CAST('" + value.replace("'", "''") + "' AS VARCHAR)";
  }

  @Override
  public Collection<String> tables() {
    return schema.getTableNames();
  }

  @Override
  public Collection<String> columns() {
    return schema.columnNames();
  }

  @Override
  public Collection<String> functions() {
    TreeSet<String> names = new TreeSet<>();
    try {
      SchemaPlus root = delegate.unwrap(CalciteConnection.class).getRootSchema();
      SchemaPlus dicom = root.getSubSchema("dicom");
      if (dicom != null) {
        names.addAll(dicom.getFunctionNames());
      }
    } catch (SQLException e) {
      return names;
    }
    for (SqlOperator operator : SqlStdOperatorTable.instance().getOperatorList()) {
      names.add(operator.getName().toLowerCase(Locale.ROOT));
    }
    return names;
  }
}
