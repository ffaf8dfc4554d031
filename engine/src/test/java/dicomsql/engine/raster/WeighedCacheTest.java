package dicomsql.engine.raster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeighedCacheTest {
  @Test
  void dropsTheLeastRecentlyUsedWhileOverBudget() {
    WeighedCache<String, String> cache = new WeighedCache<>(10, String::length);
    cache.put("a", "aaaa");
    cache.put("b", "bbbb");
    assertThat(cache.get("a")).isEqualTo("aaaa");
    cache.put("c", "cccc");
    assertThat(cache.get("b")).isNull();
    assertThat(cache.get("a")).isEqualTo("aaaa");
    assertThat(cache.get("c")).isEqualTo("cccc");
    assertThat(cache.heldBytes()).isEqualTo(8);
  }

  @Test
  void keepsOneValueLargerThanTheBudgetAndCountsAReplacedValueOnce() {
    WeighedCache<String, String> cache = new WeighedCache<>(3, String::length);
    cache.put("a", "aaaa");
    assertThat(cache.get("a")).isEqualTo("aaaa");
    cache.put("a", "aa");
    assertThat(cache.heldBytes()).isEqualTo(2);
  }
}
