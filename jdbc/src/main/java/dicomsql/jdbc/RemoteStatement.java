package dicomsql.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/** Avatica's statement, whose {@link #cancel()} also stops the statement on the server. */
final class RemoteStatement extends AvaticaStatement {
  RemoteStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  /** See {@link RemoteConnection#cancel}; Avatica's own cancel() would wait for the run. */
  @Override
  public void cancel() throws SQLException {
    checkOpen();
    ((RemoteConnection) connection).cancel(handle, cancelFlag);
  }
}
