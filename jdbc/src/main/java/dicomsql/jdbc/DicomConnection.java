package dicomsql.jdbc;

import dicomsql.connector.functions.DicomFunctions;
import dicomsql.connector.DicomSchema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.ExtensibleCalciteConnection;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * A {@code jdbc:dicom:} connection: Calcite's, over the schema {@code dicom} of one data
 * folder. Every statement, prepared or not, is prepared and run through here, where unnamed
 * columns are named ({@link ColumnNames}), failures are cleaned into one line with a SQLState
 * ({@link SqlErrors}), the query timeout is kept ({@link QueryTimer}) and a cancelled or
 * timed-out query fails with SQLState 57014 saying which; a statement runs again after a
 * cancel (Avatica leaves its cancel flag set, so it is cleared before the next run). Closing
 * the connection lets go of the index; it is read-only, so commit and rollback have nothing
 * to do.
 */
final class DicomConnection extends ExtensibleCalciteConnection implements SqlErrors.Names {
  private final QueryTimer timer = new QueryTimer();
  /** Null while Calcite's constructor runs (it reads its config), then the settings read once. */
  private final FixedConnectionConfig config;
  private DicomSchema schema;
  private String url;
  private IndexWarnings indexWarnings;

  DicomConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
      Properties info, CalciteSchema rootSchema, JavaTypeFactory typeFactory) {
    super(driver, factory, url, info, rootSchema, typeFactory);
    this.config = new FixedConnectionConfig(getProperties());
  }

  @Override
  public CalciteConnectionConfig config() {
    return config == null ? super.config() : config;
  }

  /** Serves {@code schema} as the default schema {@code dicom}, opened by {@code url}. */
  void open(DicomSchema schema, String url) throws SQLException {
    this.schema = schema;
    this.url = url;
    this.indexWarnings = new IndexWarnings(schema);
    getRootSchema().add("dicom", schema);
    setSchema("dicom");
  }

  /** The URL the connection was opened with, as written. */
  String url() {
    return url;
  }

  QueryTimer timer() {
    return timer;
  }

  @Override
  public void close() throws SQLException {
    try {
      super.close();
    } finally {
      if (schema != null) {
        schema.close();
      }
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return indexWarnings.prepend(super.getWarnings());
  }

  @Override
  public void clearWarnings() throws SQLException {
    indexWarnings.clear();
    super.clearWarnings();
  }

  /** Nothing is ever written: there is nothing to commit, in any mode. */
  @Override
  public void commit() throws SQLException {
    checkOpen();
  }

  /** Nothing is ever written: there is nothing to roll back, in any mode. */
  @Override
  public void rollback() throws SQLException {
    checkOpen();
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return true;
  }

  @Override
  protected <T extends PreparedStatement> T prepare(String sql, JdbcCall<T> preparation)
      throws SQLException {
    try (Hook.Closeable naming = ColumnNames.whileParsing()) {
      return preparation.run();
    } catch (SQLException | RuntimeException | LinkageError e) {
      throw failure(null, e, sql);
    }
  }

  /** A statement run as text: Calcite prepares and runs it in one go. */
  @Override
  protected Meta.ExecuteResult prepareAndExecuteInternal(AvaticaStatement statement,
      String sql, long maxRowCount) throws SQLException, NoSuchStatementException {
    start(statement);
    try (Hook.Closeable naming = ColumnNames.whileParsing()) {
      Meta.ExecuteResult result = super.prepareAndExecuteInternal(statement, sql, maxRowCount);
      timer.pause(statement);
      return result;
    } catch (SQLException | RuntimeException | LinkageError e) {
      throw failure(statement, e, sql);
    }
  }

  /** A prepared statement's run, and the answer to a metadata call. */
  @Override
  protected ResultSet executeQueryInternal(AvaticaStatement statement,
      Meta.Signature signature, Meta.Frame firstFrame, QueryState state, boolean isUpdate)
      throws SQLException {
    start(statement);
    try {
      ResultSet rows = super.executeQueryInternal(statement, signature, firstFrame, state,
          isUpdate);
      timer.pause(statement);
      return rows;
    } catch (SQLException | RuntimeException | LinkageError e) {
      throw failure(statement, e, state == null ? null : state.sql);
    }
  }

  @Override
  protected long[] executeBatchUpdateInternal(AvaticaPreparedStatement statement)
      throws SQLException {
    try {
      return super.executeBatchUpdateInternal(statement);
    } catch (SQLException | RuntimeException | LinkageError e) {
      throw failure(statement, e, null);
    }
  }

  @Override
  protected Meta.ExecuteBatchResult prepareAndUpdateBatch(AvaticaStatement statement,
      List<String> queries) throws NoSuchStatementException, SQLException {
    try {
      return super.prepareAndUpdateBatch(statement, queries);
    } catch (SQLException | RuntimeException | LinkageError e) {
      throw failure(statement, e, queries.isEmpty() ? null : queries.get(0));
    }
  }

  /**
   * Before a run: the cancel flag of a run stopped before cleared, and the timeout's clock
   * started (paused once the run hands its result set over, resumed by each read of it).
   */
  private void start(AvaticaStatement statement) throws SQLException {
    cancelFlag(statement).set(false);
    timer.start(statement);
  }

  private AtomicBoolean cancelFlag(AvaticaStatement statement) throws SQLException {
    try {
      return getCancelFlag(statement.handle);
    } catch (NoSuchStatementException e) {
      throw new SQLException("statement " + statement.handle.id + " is closed", "HY010", e);
    }
  }

  /**
   * The one clean SQL error for a failure of {@code statement} (null: of a preparation) running
   * {@code sql} (null: not known): 57014 when it was stopped, cancelled or out of time;
   * otherwise what {@link SqlErrors} makes of Calcite's failure, or of what escaped it from
   * running the query (an unreadable file, a division by zero in a constant).
   */
  SQLException failure(AvaticaStatement statement, Throwable failure, String sql)
      throws SQLException {
    Throwable cause = failure;
    if (cause instanceof ExceptionInInitializerError error && error.getCause() != null) {
      cause = error.getCause();
    }
    SQLException e = cause instanceof SQLException sqlFailure ? sqlFailure : new SQLException(cause);
    if (statement == null) {
      return SqlErrors.clean(e, this, sql);
    }
    boolean timedOut = timer.timedOut(statement);
    timer.stop(statement);
    if (timedOut) {
      return new SQLException("the query timed out after " + statement.getQueryTimeout()
          + " s (setQueryTimeout)", SqlErrors.QUERY_CANCELED, e);
    }
    if (cancelFlag(statement).get()) {
      return new SQLException("the query was cancelled", SqlErrors.QUERY_CANCELED, e);
    }
    return SqlErrors.clean(e, this, sql);
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
  SchemaPlus schemaFunctions() {
    SchemaPlus dicom = getRootSchema().getSubSchema("dicom");
    if (dicom == null) {
      throw new IllegalStateException("no schema dicom");
    }
    return dicom;
  }
}
