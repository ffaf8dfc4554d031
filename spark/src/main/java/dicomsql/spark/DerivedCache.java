package dicomsql.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The derived rows of the last few data roots read, on the driver, so that a query joining
 * several tables (or a session querying one root again) derives them once. Keyed by root,
 * rules and the fingerprint of the walk: a changed tree is derived again, as the embedded
 * index refreshes.
 */
final class DerivedCache {
  private static final int KEPT = 2;
  private static final Map<String, DerivedRows> ROWS = new LinkedHashMap<>(4, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, DerivedRows> eldest) {
      return size() > KEPT;
    }
  };

  private DerivedCache() {}

  static synchronized DerivedRows get(SparkSession spark, DicomOptions options,
      FileListing listing) {
    String key = spark.sparkContext().applicationId() + "|" + options.root() + "|"
        + options.rules().fingerprint() + "|" + listing.fingerprint();
    DerivedRows rows = ROWS.get(key);
    if (rows == null) {
      rows = Derivation.run(spark, options, listing.files());
      ROWS.put(key, rows);
    }
    return rows;
  }
}
