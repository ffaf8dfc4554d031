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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlFunction;
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
  private Connection proxy;

  private DicomConnection(Connection delegate, DicomSchema schema, String url) {
    this.delegate = delegate;
    this.schema = schema;
    this.url = url;
  }

  /** The connection as its users see it. */
  Connection proxy() {
    return proxy;
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
      case "createStatement":
        return DicomStatement.wrap(this, Statement.class,
            (Statement) call(delegate, method, args),
            () -> (Statement) method.invoke(delegate, args));
      case "prepareStatement":
        return DicomStatement.wrap(this, PreparedStatement.class,
            (PreparedStatement) prepare(method, args), null);
      case "prepareCall":
        return DicomStatement.wrap(this, CallableStatement.class,
            (CallableStatement) prepare(method, args), null);
      case "commit", "rollback":
        // Nothing is ever written: there is nothing to commit or roll back, in any mode.
        return null;
      case "isReadOnly":
        return true;
      default:
        return call(delegate, method, args);
    }
  }

  /** Prepares a statement: its SQL with names quoted, its unnamed columns named. */
  private Object prepare(Method method, Object[] args) throws Throwable {
    try (Hook.Closeable naming = ColumnNames.whileParsing()) {
      return call(delegate, method, ReservedNames.withNamesQuoted(args));
    }
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
      case "isReadOnly":
        return true;
      case "getUserName":
        return System.getProperty("user.name");
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
  Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ExceptionInInitializerError error && error.getCause() != null) {
        cause = error.getCause();
      }
      CalciteContextException context = SqlErrors.find(cause, CalciteContextException.class);
      if (context != null && context.getOriginalStatement() == null && args != null
          && args.length > 0 && args[0] instanceof String text) {
        // The SQL the position refers to, for hints that look at what stands there.
        context.setOriginalStatement(text);
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
    TreeSet<String> names = new TreeSet<>(schemaFunctions().getFunctionNames());
    for (SqlOperator operator : SqlStdOperatorTable.instance().getOperatorList()) {
      // Functions only: operators such as NEW or NOT are no suggestion for a function name.
      if (operator instanceof SqlFunction) {
        names.add(operator.getName().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  @Override
  public Collection<String> tablesWith(String column) {
    List<String> tables = new ArrayList<>();
    JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
    for (String table : new TreeSet<>(schema.getTableNames())) {
      if (schema.getTable(table).getRowType(types).getFieldNames().stream()
          .anyMatch(column::equalsIgnoreCase)) {
        tables.add(table);
      }
    }
    return tables;
  }

  @Override
  public Optional<String> signature(String function) {
    return DicomFunctions.descriptions().stream()
        .filter(description -> description.name().equalsIgnoreCase(function))
        .map(DicomFunctions.Description::signature).findFirst();
  }

  /** The functions of the schema {@code dicom}, as Calcite holds them. */
  private SchemaPlus schemaFunctions() {
    try {
      SchemaPlus dicom = delegate.unwrap(CalciteConnection.class).getRootSchema()
          .getSubSchema("dicom");
      if (dicom != null) {
        return dicom;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("not a Calcite connection", e);
    }
    throw new IllegalStateException("no schema dicom");
  }
}
