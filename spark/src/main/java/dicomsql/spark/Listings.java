package dicomsql.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The last walks of the data roots read, on the driver, per Spark application: a read reuses its root's list of files
 * while no folder of the tree has changed its modification time (files added, removed or
 * renamed), and walks again otherwise; with the option {@code listing=walk}, every read walks.
 * Checking the folders' times costs a look at each folder, not at each file.
 */
final class Listings {
  private static final int KEPT = 2;
  private static final Map<String, FileListing> WALKED = Recent.keeping(KEPT);

  private Listings() {}

  static FileListing of(SparkSession spark, DicomOptions options) {
    if (!options.reuseListing()) {
      return FileListing.walk(options);
    }
    String key = spark.sparkContext().applicationId() + "|" + options.root();
    synchronized (WALKED) {
      FileListing kept = WALKED.get(key);
      if (kept != null && kept.folders().unchanged()) {
        return kept;
      }
      FileListing walked = FileListing.walk(options);
      WALKED.put(key, walked);
      return walked;
    }
  }
}
