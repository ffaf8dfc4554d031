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
  void keepsNoValueLargerThanTheBudgetAndCountsAReplacedValueOnce() {
    WeighedCache<String, String> cache = new WeighedCache<>(3, String::length);
    cache.put("b", "bb");
    assertThat(cache.put("a", "aaaa")).isEqualTo("aaaa");
    assertThat(cache.get("a")).isNull();
    assertThat(cache.get("b")).isEqualTo("bb");
    cache.put("a", "a");
    cache.put("a", "aaaa");
    assertThat(cache.get("a")).isNull();
    assertThat(cache.heldBytes()).isEqualTo(2);
    cache.put("b", "b");
    assertThat(cache.heldBytes()).isEqualTo(1);
  }
}
