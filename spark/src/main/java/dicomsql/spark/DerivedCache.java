package dicomsql.spark;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The derived rows (and ROI measurements) of the last few data roots read, on the driver, so that a query joining
 * several tables (or a session querying one root again) derives them once. Keyed by root,
 * rules and the fingerprint of the walk: a changed tree is derived again, as the embedded
 * index refreshes.
 */
final class DerivedCache {
  private static final int KEPT = 2;
  private static final Map<String, DerivedRows> ROWS = Recent.keeping(KEPT);
  private static final Map<String, List<Object[]>> MEASURED = Recent.keeping(KEPT);

  private DerivedCache() {}

  private static String key(SparkSession spark, DicomOptions options, FileListing listing) {
    return spark.sparkContext().applicationId() + "|" + options.root() + "|"
        + options.rules().fingerprint() + "|" + listing.fingerprint();
  }

  /** The rows of {@code roi_measurements}, measured once per derived state. */
  static List<Object[]> measurements(SparkSession spark, DicomOptions options,
      FileListing listing) {
    DerivedRows derived = get(spark, options, listing);
    synchronized (DerivedCache.class) {
      String key = key(spark, options, listing);
      List<Object[]> rows = MEASURED.get(key);
      if (rows == null) {
        rows = Measurements.run(spark, options, listing.files(), derived);
        MEASURED.put(key, rows);
      }
      return rows;
    }
  }

  static synchronized DerivedRows get(SparkSession spark, DicomOptions options,
      FileListing listing) {
    String key = key(spark, options, listing);
    DerivedRows rows = ROWS.get(key);
    if (rows == null) {
      rows = Derivation.run(spark, options, listing.files());
      ROWS.put(key, rows);
    }
    return rows;
  }
}
