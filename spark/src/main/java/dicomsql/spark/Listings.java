package dicomsql.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The last walks of the data roots read, on the driver, per Spark application. By default
 * every read walks: the walk's fingerprint (each file's size, times and inode) is what tells the
 * derived rows kept by {@link DerivedCache} from stale ones, so a file rewritten in place is
 * seen. With the option {@code listing=reuse}, a read reuses its root's list of files while no
 * folder of the tree has changed its modification time (files added, removed or renamed):
 * a look at each folder, not at each file, but blind to a file rewritten under the same name.
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
