package dicomsql.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.jdbc.CalciteFactory;
import org.apache.calcite.jdbc.CalciteJdbc41Factory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.ExtensibleCalciteConnection;

/**
 * Avatica's factory of the {@code jdbc:dicom:} driver's JDBC objects: its own connections
 * ({@link DicomConnection}), result sets ({@link DicomResultSet}) and metadata
 * ({@link DicomMetaData}); statements are Calcite's, since what ours add happens where the
 * connection runs them.
 */
final class DicomJdbcFactory extends CalciteFactory {
  private final AvaticaFactory calcite = new CalciteJdbc41Factory();

  DicomJdbcFactory() {
    super(4, 1);
  }

  @Override
  public AvaticaConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory,
      String url, Properties info, CalciteSchema rootSchema, JavaTypeFactory typeFactory) {
    return new DicomConnection(driver, factory, url, info, rootSchema, typeFactory);
  }

  @Override
  public AvaticaStatement newStatement(AvaticaConnection connection, Meta.StatementHandle h,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return numbered(connection, () -> new DicomStatement(connection, h, resultSetType,
        resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection,
      Meta.StatementHandle h, Meta.Signature signature, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return numbered(connection, () -> new DicomPreparedStatement(connection, h, signature,
        resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  /** A statement made by {@code making}, numbered one at a time on its connection. */
  private static <T> T numbered(AvaticaConnection connection,
      ExtensibleCalciteConnection.JdbcCall<T> making) throws SQLException {
    return ((DicomConnection) connection).numbered(making);
  }

  @Override
  public AvaticaResultSet newResultSet(AvaticaStatement statement, QueryState state,
      Meta.Signature signature, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    return new DicomResultSet(statement, signature, newResultSetMetaData(statement, signature),
        timeZone, firstFrame);
  }

  @Override
  public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return new DicomMetaData((DicomConnection) connection);
  }

  @Override
  public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement,
      Meta.Signature signature) throws SQLException {
    return calcite.newResultSetMetaData(statement, signature);
  }
}
