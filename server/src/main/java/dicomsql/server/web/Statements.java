package dicomsql.server.web;

import dicomsql.server.StatementLimits;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Statements under the server's limits: its statement timeout and its row cap. */
final class Statements {
  private Statements() {}

  static Statement limited(Connection connection, StatementLimits limits) throws SQLException {
    Statement statement = connection.createStatement();
    long seconds = limits.timeout().toSeconds();
    if (seconds > 0) {
      statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, seconds));
    }
    if (limits.maxRows() > 0) {
      statement.setLargeMaxRows(limits.maxRows());
    }
    return statement;
  }
}
