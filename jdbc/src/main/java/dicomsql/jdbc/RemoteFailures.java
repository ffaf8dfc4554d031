package dicomsql.jdbc;

import java.io.IOException;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;

/**
 * The RuntimeExceptions Avatica's remote driver throws where JDBC expects an SQLException, as
 * SQLExceptions with an SQLState: the server's own error (wrong credentials: 28000) as the
 * server sent it, an HTTP 401 (no credentials given to a server that wants them) as 28000, and
 * a server that cannot be reached as 08001.
 */
final class RemoteFailures {
  static final String INVALID_AUTHORIZATION = "28000";
  static final String CANNOT_CONNECT = "08001";
  private static final String UNAUTHORIZED = "HTTP/401";

  private RemoteFailures() {}

  static SQLException connecting(String server, RuntimeException e) {
    return translate(server, "cannot connect to " + server, e);
  }

  static SQLException cancelling(String server, RuntimeException e) {
    return translate(server, "cannot cancel on " + server, e);
  }

  private static SQLException translate(String server, String doing, RuntimeException e) {
    AvaticaClientRuntimeException answer =
        SqlErrors.find(e, AvaticaClientRuntimeException.class);
    if (answer != null) {
      return new SQLException(answer.getMessage(), answer.getSqlState(),
          answer.getErrorCode(), e);
    }
    if (String.valueOf(e.getMessage()).endsWith(UNAUTHORIZED)) {
      return new SQLException("the server at " + server + " wants a user name and password "
          + "(the connection's user and password properties)", INVALID_AUTHORIZATION, e);
    }
    IOException io = SqlErrors.find(e, IOException.class);
    return new SQLException(doing + ": " + describe(io != null ? io : e), CANNOT_CONNECT, e);
  }

  /** The failure's own words, under wrappers that only repeat them, else its kind. */
  private static String describe(Throwable failure) {
    Throwable origin = SqlErrors.origin(failure);
    String message = origin.getMessage();
    return message == null || message.isBlank() ? origin.getClass().getSimpleName() : message;
  }
}
