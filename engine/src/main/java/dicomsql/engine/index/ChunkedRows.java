package dicomsql.engine.index;

import java.util.function.Consumer;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Several chunked columns read together at the same ids: the ids are read a batch at a time,
 * and each column's value for each id gathered from the chunk the id falls in, which changes
 * only at a chunk's end.
 */
final class ChunkedRows {
  private ChunkedRows() {}

  static void forEach(ChunkedColumn[] columns, RoaringBitmap ids, Consumer<ColumnBatch> batches) {
    int[] batch = new int[ColumnBatch.CAPACITY];
    ColumnBatch values = new ColumnBatch(columns.length);
    long[][] chunks = new long[columns.length][];
    int index = -1;
    BatchIterator next = ids.getBatchIterator();
    while (next.hasNext()) {
      int count = next.nextBatch(batch);
      for (int i = 0; i < count; i++) {
        int id = batch[i];
        if (id >>> ColumnChunks.SHIFT != index) {
          index = id >>> ColumnChunks.SHIFT;
          for (int c = 0; c < columns.length; c++) {
            chunks[c] = columns[c].chunk(index, id);
          }
        }
        int offset = id & ColumnChunks.MASK;
        long nullBit = 1L << (offset & 63);
        for (int c = 0; c < columns.length; c++) {
          long[] chunk = chunks[c];
          values.set(c, i, (chunk[offset >>> 6] & nullBit) != 0,
              chunk[ColumnChunks.NULL_WORDS + offset]);
        }
      }
      values.resize(count);
      batches.accept(values);
    }
  }
}
