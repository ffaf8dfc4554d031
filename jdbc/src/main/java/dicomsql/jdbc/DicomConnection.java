package dicomsql.jdbc;

import dicomsql.connector.DicomSchema;
import dicomsql.connector.functions.DicomFunctions;
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
import java.util.Optional;
import java.util.TreeSet;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * What a {@code jdbc:dicom:} connection adds to Calcite's, through proxies of the JDBC
 * interfaces: closing it lets go of the index; every SQL error is cleaned into one line with a
 * suggestion for a misspelt name; it is read-only, so commit and rollback have nothing to do;
 * its statements are {@link DicomStatement}s and its metadata {@link DicomMetaData}.
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
        return DicomMetaData.wrap(this, (DatabaseMetaData) call(delegate, method, args),
            delegate, url);
      case "getWarnings":
        return indexWarnings.prepend((SQLWarning) call(delegate, method, args));
      case "clearWarnings":
        indexWarnings.clear();
        return call(delegate, method, args);
      case "createStatement":
        return DicomStatement.wrap(this, Statement.class,
            (Statement) call(delegate, method, args));
      case "prepareStatement":
        return DicomStatement.wrap(this, PreparedStatement.class,
            (PreparedStatement) prepare(method, args));
      case "prepareCall":
        return DicomStatement.wrap(this, CallableStatement.class,
            (CallableStatement) prepare(method, args));
      case "commit", "rollback":
        // Nothing is ever written: there is nothing to commit or roll back, in any mode.
        return null;
      case "isReadOnly":
        return true;
      default:
        return call(delegate, method, args);
    }
  }

  /** Prepares a statement, its unnamed columns named. */
  private Object prepare(Method method, Object[] args) throws Throwable {
    try (Hook.Closeable naming = ColumnNames.whileParsing()) {
      return call(delegate, method, args);
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
      String sql = args != null && args.length > 0 && args[0] instanceof String text ? text
          : null;
      if (cause instanceof SQLException failure) {
        throw SqlErrors.clean(failure, this, sql);
      }
      if (cause instanceof RuntimeException || cause instanceof LinkageError) {
        throw SqlErrors.clean(new SQLException(cause), this, sql);
      }
      throw cause;
    }
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
