package dicomsql.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.ExtensibleCalcitePreparedStatement;

/**
 * A prepared statement of a {@code jdbc:dicom:} connection: Calcite's, refusing a negative
 * timeout.
 */
final class DicomPreparedStatement extends ExtensibleCalcitePreparedStatement {
  DicomPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
      Meta.Signature signature, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    super.setQueryTimeout(QueryTimer.checkedTimeout(seconds));
  }
}
