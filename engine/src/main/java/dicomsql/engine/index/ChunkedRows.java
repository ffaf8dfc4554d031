package dicomsql.engine.index;

import java.util.Arrays;
import java.util.function.Consumer;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Several chunked columns read together at the same ids: the ids are read a batch at a time,
 * and each column's values for them gathered from the chunk they fall in, which changes only
 * at a chunk's end.
 */
final class ChunkedRows {
  private ChunkedRows() {}

  static void forEach(ChunkedColumn[] columns, RoaringBitmap ids, Consumer<ColumnBatch> batches) {
    int[] batch = new int[ColumnBatch.CAPACITY];
    ColumnBatch values = new ColumnBatch(batch, columns.length);
    long[][] chunks = new long[columns.length][];
    int[] indexes = new int[columns.length];
    Arrays.fill(indexes, -1);
    BatchIterator next = ids.getBatchIterator();
    while (next.hasNext()) {
      int count = next.nextBatch(batch);
      // The batch in runs of ids of one chunk, each column's run gathered in a loop of its own.
      for (int start = 0, end; start < count; start = end) {
        int index = batch[start] >>> ColumnChunks.SHIFT;
        end = batch[count - 1] >>> ColumnChunks.SHIFT == index ? count : start + 1;
        while (end < count && batch[end] >>> ColumnChunks.SHIFT == index) {
          end++;
        }
        for (int c = 0; c < columns.length; c++) {
          if (index != indexes[c]) {
            chunks[c] = columns[c].chunk(index, batch[start]);
            indexes[c] = index;
          }
          values.gather(c, chunks[c], batch, start, end);
        }
      }
      values.resize(count);
      batches.accept(values);
    }
  }
}
