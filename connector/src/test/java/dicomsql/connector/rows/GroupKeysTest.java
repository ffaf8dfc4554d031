package dicomsql.connector.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Keys numbered as a hash map of their values would, across many growths of the table. */
class GroupKeysTest {
  @Test
  void equalKeysShareAGroupAndGroupsKeepTheirKeys() {
    Random random = new Random(7);
    GroupKeys keys = new GroupKeys(3);
    Map<List<Long>, Integer> expected = new HashMap<>();
    long[] key = new long[3];
    for (int i = 0; i < 50_000; i++) {
      // Doubles' bits that differ only high up, small integers, and nulls (a zero value with
      // its null bit, unlike a zero).
      key[0] = Double.doubleToLongBits(random.nextInt(40) * 0.25);
      key[1] = random.nextInt(5) == 0 ? 0 : random.nextInt(300);
      key[2] = key[1] == 0 && random.nextBoolean() ? 2 : 0;
      int group = keys.groupOf(key);
      Integer known = expected.putIfAbsent(List.of(key[0], key[1], key[2]), group);
      assertThat(group).isEqualTo(known == null ? expected.size() - 1 : known);
    }
    assertThat(keys.size()).isEqualTo(expected.size());
    for (Map.Entry<List<Long>, Integer> entry : expected.entrySet()) {
      for (int at = 0; at < 3; at++) {
        assertThat(keys.value(entry.getValue(), at)).isEqualTo(entry.getKey().get(at));
      }
    }
  }
}
