package dicomsql.engine.raster;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Values kept while their weights (bytes, roughly) stay within a budget, the least recently used
 * dropped first. Safe to use from several threads: the lock is held only to look up and store,
 * never while a value is computed, so two threads may compute the same value at once and the
 * later one is kept. One cache may serve many connections, which then share its budget.
 */
public final class WeighedCache<K, V> {
  private final long budget;
  private final ToLongFunction<V> weigher;
  private final Map<K, V> values = new LinkedHashMap<>(64, 0.75f, true);
  private long held;

  public WeighedCache(long budget, ToLongFunction<V> weigher) {
    this.budget = budget;
    this.weigher = weigher;
  }

  public synchronized V get(K key) {
    return values.get(key);
  }

  /**
   * Keeps {@code value}, dropping the eldest values while over budget, and returns it. A value
   * that alone weighs more than the budget is returned without being kept (and drops what the
   * key held), so that what is held never exceeds the budget.
   */
  public synchronized V put(K key, V value) {
    long weight = weigher.applyAsLong(value);
    if (weight > budget) {
      V before = values.remove(key);
      held -= before == null ? 0 : weigher.applyAsLong(before);
      return value;
    }
    V before = values.put(key, value);
    held += weight - (before == null ? 0 : weigher.applyAsLong(before));
    Iterator<V> eldest = values.values().iterator();
    while (held > budget) {
      held -= weigher.applyAsLong(eldest.next());
      eldest.remove();
    }
    return value;
  }

  public synchronized long heldBytes() {
    return held;
  }
}
