package dicomsql.engine.index;

import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * A numeric column read from the chunks {@link ColumnChunks} keeps: the values of chosen rows
 * without decoding a row, or the summaries of chunks whose rows are all chosen.
 */
final class ChunkedColumn implements NumericColumn {
  /** Ids read at once. */
  private static final int BATCH = 256;

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
   * means all. Other values go over in batches: the ids are read a batch at a time and each
   * batch's values gathered in one loop, not an iterator's calls per id, which cost most of a
   * statement's reading while its code is still interpreted.
   */
  @Override
  public void forEach(RoaringBitmap ids, LongConsumer values) {
    Summing summing = values instanceof Summing s ? s : null;
    // Sized for the ids: a group's few rows are read many times over in one statement.
    int size = (int) Math.max(1, Math.min(BATCH, ids.getLongCardinality()));
    int[] batch = new int[size];
    long[] gathered = new long[size];
    BatchIterator next = ids.getBatchIterator();
    int index = -1;
    long[] chunk = null;
    while (next.hasNext()) {
      int count = next.nextBatch(batch);
      int kept = 0;
      for (int i = 0; i < count; i++) {
        int id = batch[i];
        if (id >>> ColumnChunks.SHIFT != index) {
          index = id >>> ColumnChunks.SHIFT;
          chunk = summarised(summing, ids, index) ? null : chunk(index, id);
          // A batch iterator's advance may go back to its target: only where this batch ends
          // within the chunk is the iterator still before the chunk's end.
          if (chunk == null && batch[count - 1] < chunkEnd(index)) {
            next.advanceIfNeeded(chunkEnd(index));
          }
        }
        if (chunk != null) {
          int offset = id & ColumnChunks.MASK;
          if ((chunk[offset >>> 6] & 1L << (offset & 63)) == 0) {
            gathered[kept++] = chunk[ColumnChunks.NULL_WORDS + offset];
          }
        }
      }
      if (summing != null) {
        summing.acceptAll(gathered, kept);
      } else {
        for (int i = 0; i < kept; i++) {
          values.accept(gathered[i]);
        }
      }
    }
  }

  /** Whether the chunk's summary stands for the ids in it, and went to {@code summing}. */
  private boolean summarised(Summing summing, RoaringBitmap ids, int index) {
    if (summing == null) {
      return false;
    }
    ColumnSummary summary = summaries.apply(index);
    long start = (long) index << ColumnChunks.SHIFT;
    if (summary == null
        || ids.rangeCardinality(start, start + ColumnChunks.SIZE) != summary.rows()) {
      return false;
    }
    summing.acceptSummary(summary);
    return true;
  }

  /** The chunk of this index, which holds row {@code id}. */
  long[] chunk(int index, int id) {
    long[] chunk = chunks.apply(index);
    if (chunk == null) {
      throw new IllegalStateException("the index holds no column values for row " + id);
    }
    return chunk;
  }

  /** The first id after a chunk (ids past the last int are none). */
  private static int chunkEnd(int index) {
    return (int) Math.min((long) (index + 1) << ColumnChunks.SHIFT, Integer.MAX_VALUE);
  }
}
