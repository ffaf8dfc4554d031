package dicomsql.connector.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Keys numbered as hashing them alone numbers them, whether the array serves them or not, as
 * the values spread up, down, across zero, at the extremes of longs, and just within and just
 * beyond the span the array covers.
 */
class DirectKeysTest {
  private final GroupKeys groups = new GroupKeys(2);
  private final DirectKeys direct = new DirectKeys(groups);
  private final GroupKeys hashed = new GroupKeys(2);

  @Test
  void valuesSpanningAtMostTheArrayAreAddressedAndOneMoreIsHashed() {
    long[] downwards = LongStream.range(0, DirectKeys.SPAN - 1).map(i -> -i).toArray();
    assertNumbered(downwards);
    assertNumbered(downwards);
    assertNumbered(1 - DirectKeys.SPAN, 0, -5, 1 - DirectKeys.SPAN);
    assertThat(direct.addressed()).isTrue();
    assertNumbered(1, -3, 1);
    assertThat(direct.addressed()).isFalse();
    assertNumbered(LongStream.range(0, 50).toArray());
    assertThat(groups.size()).isEqualTo(hashed.size()).isEqualTo(DirectKeys.SPAN + 49);
  }

  @Test
  void valuesSpreadingBothWaysKeepTheirNumbers() {
    Random random = new Random(11);
    for (int i = 0; i < 200_000; i++) {
      int spread = 1 + i / 2;
      assertNumbered(random.nextInt(2 * spread) - spread);
      if (random.nextInt(50) == 0) {
        assertNull();
      }
    }
    assertThat(direct.addressed()).isFalse();
  }

  @Test
  void nullIsAGroupOfItsOwnUnlikeZero() {
    assertNull();
    assertNumbered(0, 1, -1, 0);
    assertNull();
    assertThat(groups.size()).isEqualTo(4);
    assertThat(direct.addressed()).isTrue();
  }

  @Test
  void valuesAtTheEndsOfLongsDoNotWrapAround() {
    assertNumbered(Long.MIN_VALUE + 5, Long.MIN_VALUE, Long.MIN_VALUE + 40, Long.MIN_VALUE + 5);
    assertThat(direct.addressed()).isTrue();
    assertNumbered(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(direct.addressed()).isFalse();
  }

  @Test
  void valuesNearTheGreatestLongAreAddressed() {
    assertNumbered(Long.MAX_VALUE - 3, Long.MAX_VALUE, Long.MAX_VALUE - 100, Long.MAX_VALUE);
    assertThat(direct.addressed()).isTrue();
  }

  private void assertNumbered(long... values) {
    for (long value : values) {
      assertThat(direct.groupOf(value, false)).isEqualTo(hashed.groupOf(new long[] {value, 0}));
    }
  }

  private void assertNull() {
    assertThat(direct.groupOf(12345, true)).isEqualTo(hashed.groupOf(new long[] {0, 1}));
  }
}
