package dicomsql.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;

/**
 * A {@code jdbc:dicom:remote:} connection: Avatica's, plus a way to ask the server to cancel
 * one of its statements ({@link CancelRequest}), over an HTTP client made as Avatica makes its
 * own (same credentials, same trust store).
 */
final class RemoteConnection extends AvaticaConnection {
  private AvaticaHttpClient cancels;

  RemoteConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
      Properties info) {
    super(driver, factory, url, info);
  }

  /**
   * Cancels a statement: asks the server to stop it if it runs there (it then fails with
   * 57014, and the statement can run again); else, as Avatica's own cancel() does, marks it
   * cancelled here, so that reading its rows stops. Avatica's cancel() itself is not called:
   * it waits for the statement's lock, which Avatica holds while an execution waits for the
   * server.
   */
  void cancel(Meta.StatementHandle statement, AtomicBoolean cancelFlag) throws SQLException {
    if (!cancelOnServer(statement)) {
      cancelFlag.set(true);
    }
  }

  /** Whether the server had the statement running, and stopped it. */
  private boolean cancelOnServer(Meta.StatementHandle statement) throws SQLException {
    byte[] answer;
    try {
      answer = cancels().send(new CancelRequest(id, statement.id).body());
    } catch (RuntimeException e) {
      throw RemoteFailures.cancelling(config().url(), e);
    }
    String text = new String(answer, StandardCharsets.UTF_8);
    if (!text.equals(CancelRequest.CANCELLED) && !text.equals(CancelRequest.NOT_RUNNING)) {
      throw new SQLException("the server at " + config().url() + " cannot cancel statements "
          + "(is it dicomsql serve?)", "0A000");
    }
    return text.equals(CancelRequest.CANCELLED);
  }

  private synchronized AvaticaHttpClient cancels() throws SQLException {
    if (cancels == null) {
      try {
        cancels = RemoteService.client(this, CancelRequest.PATH);
      } catch (IllegalArgumentException e) {
        throw new SQLException(e.getMessage(), "08001", e);
      }
    }
    return cancels;
  }
}
