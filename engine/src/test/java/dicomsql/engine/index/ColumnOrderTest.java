package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * The first rows of a column's order, from chunks of integers and of doubles with nulls, ties,
 * NaN, -0.0 and infinities, against a stable sort of the same rows in id order.
 */
class ColumnOrderTest {
  private static final int ROWS = 2 * ColumnChunks.SIZE + 700;
  private static final double[] SPECIAL = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE, 1.5, -1.5};

  @Test
  void firstRowsAreThoseOfAStableSort() {
    Random random = new Random(20261203);
    for (int kind = 0; kind < 8; kind++) {
      boolean doubles = (kind & 1) != 0;
      boolean nulls = (kind & 2) != 0;
      // Chunks without nulls are read best first by their summaries, or in id order without.
      boolean summarised = (kind & 4) != 0;
      Long[] values = new Long[ROWS];
      for (int id = 0; id < ROWS; id++) {
        values[id] = nulls && random.nextInt(10) == 0 ? null : value(random, doubles);
      }
      List<long[]> chunks = chunks(values);
      ColumnOrder order = new ColumnOrder(chunks::get, index -> summarised
          ? ColumnSummary.of(chunks.get(index), doubles,
              Math.min(ColumnChunks.SIZE, ROWS - (long) index * ColumnChunks.SIZE))
          : null, doubles);
      for (int n = 0; n < 40; n++) {
        RoaringBitmap ids = chosen(random);
        boolean descending = random.nextBoolean();
        boolean nullsFirst = random.nextBoolean();
        int count = switch (n % 4) {
          case 0 -> random.nextInt(3);
          case 1 -> 1 + random.nextInt(50);
          case 2 -> ROWS + 5;
          default -> random.nextInt(ROWS);
        };
        String what = String.format("kind %d, desc %s, nulls first %s, count %d of %d", kind,
            descending, nullsFirst, count, ids.getCardinality());
        assertThat(order.first(ids, descending, nullsFirst, count)).as(what)
            .containsExactly(sorted(values, ids, doubles, descending, nullsFirst, count, false));
        assertThat(order.firstWithTies(ids, descending, nullsFirst, count)).as(what)
            .containsExactly(sorted(values, ids, doubles, descending, nullsFirst, count, true));
      }
    }
  }

  @Test
  void chunksThatCannotChangeThePageAreNotRead() {
    Long[] values = new Long[ROWS];
    for (int id = 0; id < ROWS; id++) {
      values[id] = (long) id / 3;
    }
    List<long[]> chunks = chunks(values);
    Set<Integer> read = new TreeSet<>();
    ColumnOrder order = new ColumnOrder(index -> {
      read.add(index);
      return chunks.get(index);
    }, index -> ColumnSummary.of(chunks.get(index), false,
        Math.min(ColumnChunks.SIZE, ROWS - (long) index * ColumnChunks.SIZE)), false);
    RoaringBitmap all = RoaringBitmap.bitmapOfRange(0, ROWS);
    assertThat(order.first(all, true, false, 4)).containsExactly(ROWS - 3, ROWS - 2, ROWS - 1,
        ROWS - 6);
    assertThat(read).containsExactly(2);
    read.clear();
    assertThat(order.first(all, false, true, 2)).containsExactly(0, 1);
    assertThat(read).containsExactly(0);
  }

  @Test
  void noRowsOrNoneAskedForGiveNone() {
    ColumnOrder order = new ColumnOrder(chunks(new Long[] {1L, null, 3L})::get, index -> null,
        false);
    assertThat(order.first(new RoaringBitmap(), false, false, 10)).isEmpty();
    assertThat(order.first(RoaringBitmap.bitmapOf(0, 1, 2), true, true, 0)).isEmpty();
    assertThat(order.first(RoaringBitmap.bitmapOf(0, 1, 2), true, true, 2)).containsExactly(1, 2);
    assertThat(order.first(RoaringBitmap.bitmapOf(0, 1, 2), true, false, 5))
        .containsExactly(2, 0, 1);
    assertThat(order.firstWithTies(RoaringBitmap.bitmapOf(0, 1, 2), false, false, 0)).isEmpty();
  }

  private static Long value(Random random, boolean doubles) {
    if (!doubles) {
      return random.nextInt(3) == 0 ? random.nextLong() : (long) random.nextInt(40) - 20;
    }
    double value = random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)]
        : random.nextInt(30) - 15;
    return Double.doubleToLongBits(value);
  }

  private static RoaringBitmap chosen(Random random) {
    RoaringBitmap ids = new RoaringBitmap();
    int kind = random.nextInt(3);
    for (int id = 0; id < ROWS; id++) {
      if (kind == 0 || kind == 1 && random.nextInt(5) == 0
          || kind == 2 && id > ColumnChunks.SIZE - 50 && id < ColumnChunks.SIZE + 30) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** Chunks in the layout of {@link ColumnChunks}: null bits, then values. */
  private static List<long[]> chunks(Long[] values) {
    List<long[]> chunks = new ArrayList<>();
    for (int start = 0; start < values.length; start += ColumnChunks.SIZE) {
      long[] chunk = new long[ColumnChunks.NULL_WORDS + ColumnChunks.SIZE];
      Arrays.fill(chunk, 0, ColumnChunks.NULL_WORDS, -1L);
      for (int offset = 0; offset < ColumnChunks.SIZE && start + offset < values.length;
          offset++) {
        Long value = values[start + offset];
        if (value != null) {
          chunk[offset >>> 6] &= ~(1L << (offset & 63));
          chunk[ColumnChunks.NULL_WORDS + offset] = value;
        }
      }
      chunks.add(chunk);
    }
    return chunks;
  }

  /** The first {@code count} ids of a stable sort, and those equal to the last ({@code ties}). */
  private static int[] sorted(Long[] values, RoaringBitmap ids, boolean doubles,
      boolean descending, boolean nullsFirst, int count, boolean ties) {
    Comparator<Long> byValue = doubles
        ? Comparator.comparing(bits -> Double.longBitsToDouble(bits), Double::compare)
        : Comparator.naturalOrder();
    if (descending) {
      byValue = byValue.reversed();
    }
    Comparator<Long> withNulls = nullsFirst ? Comparator.nullsFirst(byValue)
        : Comparator.nullsLast(byValue);
    List<Integer> sorted = new ArrayList<>();
    ids.forEach((int id) -> sorted.add(id));
    sorted.sort(Comparator.comparing(id -> values[id], withNulls));
    int end = Math.min(count, sorted.size());
    while (ties && end > 0 && end < sorted.size()
        && withNulls.compare(values[sorted.get(end)], values[sorted.get(end - 1)]) == 0) {
      end++;
    }
    return sorted.subList(0, end).stream()
        .mapToInt(Integer::intValue).toArray();
  }
}
