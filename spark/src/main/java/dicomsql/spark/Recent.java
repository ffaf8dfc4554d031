package dicomsql.spark;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map keeping only its most recently used entries: the driver's caches of data roots. */
final class Recent {
  private Recent() {}

  static <K, V> Map<K, V> keeping(int kept) {
    return new LinkedHashMap<>(4, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > kept;
      }
    };
  }
}
