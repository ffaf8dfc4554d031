package dicomsql.shell;

import java.io.PrintWriter;

/**
 * Thrown when the reader of the results has gone ({@code | head} closed the pipe, a disk
 * filled up): writing more would only keep the query running for nobody. A
 * {@link PrintWriter} swallows write errors, so the formats ask it every so many rows.
 */
final class ClosedOutput extends RuntimeException {
  /** Rows written between two checks: each check flushes the output. */
  private static final int EVERY = 256;

  ClosedOutput() {
    super("the output was closed", null, false, false);
  }

  /** Throws when {@code out} can no longer be written, checked every {@value #EVERY} rows. */
  static void check(PrintWriter out, long rows) {
    if (rows % EVERY == 0 && out.checkError()) {
      throw new ClosedOutput();
    }
  }
}
