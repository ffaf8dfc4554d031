package dicomsql.connector.rows;

import dicomsql.connector.rel.DicomColumnAggregate;
import dicomsql.engine.index.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns a list of aggregate calls reads, each read once however many calls read it the
 * same way (as stored, or its integers cast to DOUBLE), and a group's row made of its keys and
 * the calls' results from what was read.
 */
final class CallReads {
  private final DicomColumnAggregate.Call[] calls;
  /** Per call, the position of its read; -1 for COUNT(*). */
  private final int[] readOf;
  private final int[] columns;
  private final boolean[] doubles;
  private final boolean[] bits;
  /** Per read, whether a MIN or MAX call reads it. */
  private final boolean[] extremes;
  private final boolean countsRows;

  CallReads(RowSource rows, DicomColumnAggregate.Call[] calls) {
    this.calls = calls;
    this.readOf = new int[calls.length];
    Map<Long, Integer> reads = new LinkedHashMap<>();
    List<DicomColumnAggregate.Call> first = new ArrayList<>();
    boolean counts = false;
    for (int i = 0; i < calls.length; i++) {
      DicomColumnAggregate.Call call = calls[i];
      if (call.kind() == DicomColumnAggregate.Kind.COUNT_ROWS) {
        readOf[i] = -1;
        counts = true;
      } else {
        readOf[i] = reads.computeIfAbsent(
            (long) call.column() << 1 | (call.asDouble() ? 1 : 0), k -> {
              first.add(call);
              return first.size() - 1;
            });
      }
    }
    this.countsRows = counts;
    this.extremes = new boolean[first.size()];
    for (int i = 0; i < calls.length; i++) {
      DicomColumnAggregate.Kind kind = calls[i].kind();
      if (kind == DicomColumnAggregate.Kind.MIN || kind == DicomColumnAggregate.Kind.MAX) {
        extremes[readOf[i]] = true;
      }
    }
    this.columns = new int[first.size()];
    this.doubles = new boolean[first.size()];
    this.bits = new boolean[first.size()];
    for (int r = 0; r < columns.length; r++) {
      columns[r] = first.get(r).column();
      bits[r] = rows.numbers(columns[r]).type() == ColumnType.DOUBLE;
      doubles[r] = bits[r] || first.get(r).asDouble();
    }
  }

  /** The source columns read, in the order of {@link #totals}. */
  int[] columns() {
    return columns;
  }

  /** Whether a call is COUNT(*), so that a group's row count is needed. */
  boolean countsRows() {
    return countsRows;
  }

  /** What a group's reads are totalled in, one per column read. */
  ColumnTotals[] totals() {
    ColumnTotals[] totals = new ColumnTotals[columns.length];
    for (int r = 0; r < totals.length; r++) {
      totals[r] = new ColumnTotals(doubles[r], bits[r], extremes[r]);
    }
    return totals;
  }

  /** A group's row: its keys, then each call's result; {@code count} is its rows'. */
  Object[] row(Object[] keys, ColumnTotals[] totals, long count) {
    Object[] row = new Object[keys.length + calls.length];
    System.arraycopy(keys, 0, row, 0, keys.length);
    for (int i = 0; i < calls.length; i++) {
      row[keys.length + i] = readOf[i] < 0 ? count : totals[readOf[i]].result(calls[i]);
    }
    return row;
  }
}
