package dicomsql.shell;

import java.util.Locale;

/**
 * How a result is laid out for people: values cut at {@code maxWidth} (tables only), at most
 * {@code rowLimit} rows shown (0: all), one record per block instead of a table
 * ({@code expanded}), and the time since {@code startedNanos} after the row count when
 * {@code timing} is on.
 */
record Layout(int maxWidth, int rowLimit, boolean expanded, long startedNanos,
    boolean timing) {

  /** The line after a result: how many rows, whether more were left unread, and the time. */
  String footer(long rows, boolean more) {
    String time = timing ? String.format(Locale.ROOT, ", %.3f s",
        (System.nanoTime() - startedNanos) / 1e9) : "";
    if (more) {
      return String.format(Locale.ROOT, "(first %,d rows shown%s; add LIMIT, or \\o FILE "
          + "to write them all)", rows, time);
    }
    return "(" + rows + (rows == 1 ? " row" : " rows") + time + ")";
  }
}
