package dicomsql.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** One local[2] Spark session for the module's tests, and rows as comparable lists. */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("dicomsql-spark-test")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.sql.datetime.java8API.enabled", "true")
          .config(SparkValues.TIME_TYPE, "true")
          .getOrCreate();
    }
    return session;
  }

  /** The rows of a result as lists of Java values, in a fixed order. */
  static List<List<Object>> rows(Dataset<Row> result) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : result.collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int k = 0; k < row.length(); k++) {
        values.add(row.get(k));
      }
      rows.add(values);
    }
    return sorted(rows);
  }

  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }
}
