package org.apache.calcite.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

/**
 * Calcite's prepared statement, a package-private class, open to subclasses outside this
 * package (see {@link ExtensibleCalciteConnection} for why it lives here).
 */
public class ExtensibleCalcitePreparedStatement extends CalcitePreparedStatement {
  protected ExtensibleCalcitePreparedStatement(AvaticaConnection connection,
      Meta.StatementHandle h, Meta.Signature signature, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    super((CalciteConnectionImpl) connection, h, signature, resultSetType,
        resultSetConcurrency, resultSetHoldability);
  }
}
