package dicomsql.connector.rows;

import java.util.Arrays;

/**
 * The group numbers of a single integer key (or rank), looked up in an array indexed by the
 * value less the least one covered while the values met span at most {@link #SPAN} of them, in
 * front of the {@link GroupKeys} that number them: a key met again costs an array read instead
 * of hashing. The groups are numbered by {@link GroupKeys} as they are met either way, so their
 * order does not depend on whether the array served; once the values spread wider, every key
 * is hashed.
 */
final class DirectKeys {
  /** Values the array covers at most: 256 KiB of group numbers. */
  static final int SPAN = 1 << 16;

  private final GroupKeys groups;
  private final long[] key = new long[2];
  /** Group numbers by value less {@link #least}; -1 where not met; null before any value. */
  private int[] numbers;
  private long least;
  /** The least and greatest values met while the array served. */
  private long low;
  private long high;
  private boolean hashing;
  private int nullGroup = -1;

  /** @param groups numbers keys of two longs: the value, then 1 for null (its value 0) */
  DirectKeys(GroupKeys groups) {
    this.groups = groups;
  }

  /** Whether keys are still looked up in the array (false once the values spread wide). */
  boolean addressed() {
    return !hashing;
  }

  /** The group number of a key, numbered anew if new. */
  int groupOf(long value, boolean isNull) {
    if (isNull) {
      if (nullGroup < 0) {
        nullGroup = number(0, 1);
      }
      return nullGroup;
    }
    long offset = value - least;
    if (numbers != null && offset >= 0 && offset < numbers.length) {
      int group = numbers[(int) offset];
      if (group < 0) {
        group = number(value, 0);
        numbers[(int) offset] = group;
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
      return group;
    }
    if (!hashing && cover(value)) {
      return groupOf(value, false);
    }
    return number(value, 0);
  }

  /** Whether the array covers the value now, grown to it; false once the values spread wide. */
  private boolean cover(long value) {
    if (numbers == null) {
      numbers = new int[16];
      Arrays.fill(numbers, -1);
      least = low = high = value;
      return true;
    }
    long newLow = Math.min(low, value);
    long newHigh = Math.max(high, value);
    long span = newHigh - newLow;
    if (span < 0 || span >= SPAN) {
      hashing = true;
      numbers = null;
      return false;
    }
    int length = (int) Math.min(SPAN, Math.max(span + 1, 2L * numbers.length));
    // Grown towards the value, so that values spreading one way double the array each time.
    long down = newHigh - length + 1;
    long newLeast = value < least && down <= newLow ? down : newLow;
    int[] grown = new int[length];
    Arrays.fill(grown, -1);
    System.arraycopy(numbers, (int) (low - least), grown, (int) (low - newLeast),
        (int) (high - low + 1));
    numbers = grown;
    least = newLeast;
    low = newLow;
    high = newHigh;
    return true;
  }

  private int number(long value, long nulls) {
    key[0] = value;
    key[1] = nulls;
    return groups.groupOf(key);
  }
}
