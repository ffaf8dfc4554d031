package dicomsql.server;

import java.sql.Statement;
import org.apache.calcite.avatica.jdbc.StatementInfo;

/**
 * A statement of the driver as the server keeps it in Avatica's statement cache (and so lets it
 * expire with the cache): the statement itself, to cancel, and for a prepared statement the
 * signature the server made when it prepared it, which every run of it answers with.
 */
final class ServedStatement extends StatementInfo {
  final Statement jdbc;
  /** Null for a statement that is not prepared: each of its runs has a signature of its own. */
  final PreparedSignature signature;

  ServedStatement(Statement jdbc, PreparedSignature signature) {
    super(jdbc);
    this.jdbc = jdbc;
    this.signature = signature;
  }
}
