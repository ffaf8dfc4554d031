package dicomsql.engine.index;

import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * A numeric column read from the chunks {@link ColumnChunks} keeps: the values of chosen rows
 * without decoding a row, or the summaries of chunks whose rows are all chosen.
 */
final class ChunkedColumn implements NumericColumn {
  private final ColumnType type;
  private final IntFunction<long[]> chunks;
  private final IntFunction<ColumnSummary> summaries;

  ChunkedColumn(ColumnType type, IntFunction<long[]> chunks,
      IntFunction<ColumnSummary> summaries) {
    this.type = type;
    this.chunks = chunks;
    this.summaries = summaries;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  /**
   * A chunk all of whose rows are asked for goes to a {@link NumericColumn.Summing} consumer as
   * its summary: the ids being rows of the table, as many of them in the chunk as it holds
   * means all. Other chunks whose every id is asked for are read straight through, without the
   * id set.
   */
  @Override
  public void forEach(RoaringBitmap ids, LongConsumer values) {
    PeekableIntIterator id = ids.getIntIterator();
    while (id.hasNext()) {
      int index = id.peekNext() >>> ColumnChunks.SHIFT;
      long start = (long) index << ColumnChunks.SHIFT;
      long end = start + ColumnChunks.SIZE;
      int next = (int) Math.min(end, Integer.MAX_VALUE);
      if (values instanceof Summing summing) {
        ColumnSummary summary = summaries.apply(index);
        if (summary != null && ids.rangeCardinality(start, end) == summary.rows()) {
          summing.acceptSummary(summary);
          id.advanceIfNeeded(next);
          continue;
        }
      }
      long[] chunk = chunks.apply(index);
      if (chunk == null) {
        throw new IllegalStateException("the index holds no column values for row "
            + id.peekNext());
      }
      if (ids.contains(start, end)) {
        for (int offset = 0; offset < ColumnChunks.SIZE; offset++) {
          accept(chunk, offset, values);
        }
        id.advanceIfNeeded(next);
      } else {
        while (id.hasNext() && id.peekNext() < end) {
          accept(chunk, id.next() & ColumnChunks.MASK, values);
        }
      }
    }
  }

  private static void accept(long[] chunk, int offset, LongConsumer values) {
    if ((chunk[offset >>> 6] & 1L << (offset & 63)) == 0) {
      values.accept(chunk[ColumnChunks.NULL_WORDS + offset]);
    }
  }
}
