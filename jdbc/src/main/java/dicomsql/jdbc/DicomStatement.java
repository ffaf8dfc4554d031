package dicomsql.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.ExtensibleCalciteStatement;

/** A statement of a {@code jdbc:dicom:} connection: Calcite's, refusing a negative timeout. */
final class DicomStatement extends ExtensibleCalciteStatement {
  DicomStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    super.setQueryTimeout(QueryTimer.checkedTimeout(seconds));
  }
}
