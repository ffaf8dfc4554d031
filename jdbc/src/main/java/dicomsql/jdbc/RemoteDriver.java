package dicomsql.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaFactory;

/**
 * Avatica's remote driver as {@code jdbc:dicom:remote:} uses it: its JDBC objects come from a
 * {@link RemoteFactory} (so that {@code Statement.cancel()} reaches the server), and a
 * connection that cannot be opened fails with an {@link SQLException} carrying an SQLState
 * (28000 for wrong credentials) instead of the RuntimeException Avatica's driver lets escape.
 * Not registered with {@code DriverManager}: {@link DicomDriver} hands it the URLs it takes.
 */
final class RemoteDriver extends org.apache.calcite.avatica.remote.Driver {
  static final RemoteDriver INSTANCE = new RemoteDriver();

  @Override
  protected AvaticaFactory createFactory() {
    return new RemoteFactory(super.createFactory());
  }

  Connection open(RemoteUrl url) throws SQLException {
    try {
      return connect(url.avaticaUrl(), url.avatica());
    } catch (RuntimeException e) {
      throw RemoteFailures.connecting(url.server(), e);
    }
  }
}
