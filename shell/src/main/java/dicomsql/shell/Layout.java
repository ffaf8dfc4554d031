package dicomsql.shell;

import java.util.Locale;

/**
 * How a result is laid out for people: the screen's width (0: not a screen, as in a file, a
 * pipe or a script), past which a table cuts its values to {@link #cutWidth()} and an
 * {@code AUTO} display shows records instead; at most {@code rowLimit} rows shown (0: all);
 * and the time since {@code startedNanos} after the row count when {@code timing} is on.
 */
record Layout(int screenWidth, int rowLimit, Expanded expanded, long startedNanos,
    boolean timing) {

  /** Whether rows show as a table or as one block per record (psql's {@code \x}). */
  enum Expanded {
    OFF, ON, AUTO
  }

  /** Whether the output is a screen, where what does not fit is cut. */
  boolean onScreen() {
    return screenWidth > 0;
  }

  /** The width a value is cut to when a table does not fit the screen: a third of it. */
  int cutWidth() {
    return Math.max(20, screenWidth / 3);
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
