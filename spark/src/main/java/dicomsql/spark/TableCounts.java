package dicomsql.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A job to submit with the shaded jar: {@code spark-submit --class dicomsql.spark.TableCounts
 * dicomsql-spark-<version>-all.jar DATA_DIR [SQL]} prints each table's row count over the data
 * folder ({@code table<TAB>count}), then the rows of SQL, if given, tab-separated. The
 * tables are in the catalog {@code dicom}.
 */
public final class TableCounts {
  private TableCounts() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: TableCounts DATA_DIR [SQL]");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder()
        .appName("dicomsql table counts")
        .config("spark.sql.catalog.dicom", DicomCatalog.class.getName())
        .config("spark.sql.catalog.dicom.path", args[0])
        .getOrCreate();
    try {
      for (String table : ContractTable.names()) {
        long count = spark.sql("SELECT COUNT(*) FROM dicom." + table).first().getLong(0);
        System.out.println(table + "\t" + count);
      }
      if (args.length == 2) {
        List<Row> rows = spark.sql(args[1]).collectAsList();
        for (Row row : rows) {
          System.out.println(row.mkString("\t"));
        }
      }
    } finally {
      spark.stop();
    }
  }
}
