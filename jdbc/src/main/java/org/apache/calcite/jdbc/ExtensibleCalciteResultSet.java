package org.apache.calcite.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * Calcite's result set, whose constructor is package-private, open to subclasses outside this
 * package (see {@link ExtensibleCalciteConnection} for why it lives here).
 */
public class ExtensibleCalciteResultSet extends CalciteResultSet {
  protected ExtensibleCalciteResultSet(AvaticaStatement statement, Meta.Signature signature,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame)
      throws SQLException {
    super(statement, (CalcitePrepare.CalciteSignature<?>) signature, metaData, timeZone,
        firstFrame);
  }
}
