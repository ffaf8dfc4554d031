package org.apache.calcite.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

/**
 * Calcite's statement, whose constructor is package-private, open to subclasses outside this
 * package (see {@link ExtensibleCalciteConnection} for why it lives here).
 */
public class ExtensibleCalciteStatement extends CalciteStatement {
  protected ExtensibleCalciteStatement(AvaticaConnection connection, Meta.StatementHandle h,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
    super((CalciteConnectionImpl) connection, h, resultSetType, resultSetConcurrency,
        resultSetHoldability);
  }
}
