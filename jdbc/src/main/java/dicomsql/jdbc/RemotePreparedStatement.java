package dicomsql.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/**
 * Avatica's prepared statement, whose {@link #cancel()} also stops the statement on the
 * server.
 */
final class RemotePreparedStatement extends AvaticaPreparedStatement {
  RemotePreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
      Meta.Signature signature, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  /** See {@link RemoteConnection#cancel}; Avatica's own cancel() would wait for the run. */
  @Override
  public void cancel() throws SQLException {
    checkOpen();
    ((RemoteConnection) connection).cancel(handle, cancelFlag);
  }
}
