package dicomsql.engine.index;

import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import org.roaringbitmap.IntIterator;
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

  @Override
  public void forEach(RoaringBitmap ids, LongConsumer values) {
    IntIterator id = ids.getIntIterator();
    int current = -1;
    long[] chunk = null;
    while (id.hasNext()) {
      int row = id.next();
      int index = row >>> ColumnChunks.SHIFT;
      if (index != current) {
        chunk = chunks.apply(index);
        current = index;
        if (chunk == null) {
          throw new IllegalStateException("the index holds no column values for row " + row);
        }
      }
      int offset = row & ColumnChunks.MASK;
      if ((chunk[offset >>> 6] & 1L << (offset & 63)) == 0) {
        values.accept(chunk[ColumnChunks.NULL_WORDS + offset]);
      }
    }
  }
}
