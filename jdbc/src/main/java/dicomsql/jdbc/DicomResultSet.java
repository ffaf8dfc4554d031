package dicomsql.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.ExtensibleCalciteResultSet;

/**
 * A result set of a {@code jdbc:dicom:} connection: rows are computed as they are read, so a
 * failure while reading is cleaned as one while executing is ({@link DicomConnection#failure});
 * closing it ends its query's time limit.
 */
final class DicomResultSet extends ExtensibleCalciteResultSet {
  DicomResultSet(AvaticaStatement statement, Meta.Signature signature,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame)
      throws SQLException {
    super(statement, signature, metaData, timeZone, firstFrame);
  }

  private DicomConnection connection() {
    return (DicomConnection) statement.connection;
  }

  @Override
  public boolean next() throws SQLException {
    try {
      return super.next();
    } catch (SQLException | RuntimeException | LinkageError e) {
      throw connection().failure(statement, e, signature == null ? null : signature.sql);
    }
  }

  @Override
  public void close() {
    connection().timer().stop(statement);
    super.close();
  }
}
