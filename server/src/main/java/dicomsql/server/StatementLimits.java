package dicomsql.server;

import java.time.Duration;

/**
 * What one statement may take on a server: time for each execution and each fetch of a frame
 * of rows (zero: no limit), and rows in a result (zero: no limit; a client asking for fewer
 * gets fewer).
 */
public record StatementLimits(Duration timeout, long maxRows) {
  public StatementLimits {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("the statement timeout must not be negative");
    }
    if (maxRows < 0) {
      throw new IllegalArgumentException("the row limit must not be negative");
    }
  }

  /** The row limit to give the driver for a client's request (Avatica: -1 or 0 mean none). */
  long rows(long requested) {
    if (maxRows == 0) {
      return requested;
    }
    return requested <= 0 ? maxRows : Math.min(requested, maxRows);
  }
}
