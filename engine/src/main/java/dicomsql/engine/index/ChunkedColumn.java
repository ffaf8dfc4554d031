package dicomsql.engine.index;

import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * A numeric column read from the chunks {@link ColumnChunks} keeps: the values of chosen rows
 * without decoding a row.
 */
final class ChunkedColumn implements NumericColumn {
  private final ColumnType type;
  private final IntFunction<long[]> chunks;

  ChunkedColumn(ColumnType type, IntFunction<long[]> chunks) {
    this.type = type;
    this.chunks = chunks;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  /** Chunks whose rows are all asked for are read straight through, without the id set. */
  @Override
  public void forEach(RoaringBitmap ids, LongConsumer values) {
    PeekableIntIterator id = ids.getIntIterator();
    while (id.hasNext()) {
      int index = id.peekNext() >>> ColumnChunks.SHIFT;
      long[] chunk = chunks.apply(index);
      if (chunk == null) {
        throw new IllegalStateException("the index holds no column values for row "
            + id.peekNext());
      }
      long start = (long) index << ColumnChunks.SHIFT;
      long end = start + ColumnChunks.SIZE;
      if (ids.contains(start, end)) {
        if (values instanceof Run run) {
          run.acceptRun(chunk, ColumnChunks.NULL_WORDS, ColumnChunks.SIZE, chunk, 0);
        } else {
          for (int offset = 0; offset < ColumnChunks.SIZE; offset++) {
            accept(chunk, offset, values);
          }
        }
        id.advanceIfNeeded((int) Math.min(end, Integer.MAX_VALUE));
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
