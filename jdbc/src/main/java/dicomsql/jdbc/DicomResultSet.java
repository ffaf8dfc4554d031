package dicomsql.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.ExtensibleCalciteResultSet;

/**
 * A result set of a {@code jdbc:dicom:} connection: rows are computed as they are read, so a
 * failure while reading is cleaned as one while executing is ({@link DicomConnection#failure}).
 * Its query's time limit counts the time spent reading rows, not the time between reads;
 * closing it ends the limit.
 */
final class DicomResultSet extends ExtensibleCalciteResultSet {
  private final QueryTimer.Clock clock;

  DicomResultSet(AvaticaStatement statement, Meta.Signature signature,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame)
      throws SQLException {
    super(statement, signature, metaData, timeZone, firstFrame);
    // Made while its run executes, after the run's clock started.
    this.clock = connection().timer().clock(statement);
  }

  private DicomConnection connection() {
    return (DicomConnection) statement.connection;
  }

  @Override
  public boolean next() throws SQLException {
    clock.resume();
    try {
      return super.next();
    } catch (SQLException | RuntimeException | LinkageError e) {
      throw connection().failure(statement, e, signature == null ? null : signature.sql);
    } finally {
      clock.pause();
    }
  }

  @Override
  public void close() {
    connection().timer().stop(statement, clock);
    super.close();
  }
}
