package dicomsql.shell;

import java.util.Locale;

/**
 * How a result is laid out for people: table values cut at {@code maxWidth}; the screen's width
 * (0: unknown, as in a script), past which an {@code AUTO} display shows records instead of a
 * table; at most {@code rowLimit} rows shown (0: all); and the time since {@code startedNanos}
 * after the row count when {@code timing} is on.
 */
record Layout(int maxWidth, int screenWidth, int rowLimit, Expanded expanded,
    long startedNanos, boolean timing) {

  /** Whether rows show as a table or as one block per record (psql's {@code \x}). */
  enum Expanded {
    OFF, ON, AUTO
  }

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
