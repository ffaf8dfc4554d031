package dicomsql.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Takes from Spark's planner the columns a query needs (only those are made into rows) and
 * the filters the reader can use ({@link Condition}); Spark still applies every filter.
 */
final class DicomScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns,
    SupportsPushDownFilters {
  private final ContractTable table;
  private final DicomOptions options;
  private final SparkValues values;
  private int[] wanted;
  private final List<Condition> conditions = new ArrayList<>();
  private final List<Filter> used = new ArrayList<>();

  DicomScanBuilder(ContractTable table, DicomOptions options, SparkValues values) {
    this.table = table;
    this.options = options;
    this.values = values;
    this.wanted = new int[table.columns().size()];
    for (int k = 0; k < wanted.length; k++) {
      wanted[k] = k;
    }
  }

  @Override
  public void pruneColumns(StructType required) {
    StructField[] fields = required.fields();
    int[] columns = new int[fields.length];
    for (int k = 0; k < fields.length; k++) {
      columns[k] = table.indexOf(fields[k].name());
    }
    wanted = columns;
  }

  @Override
  public Filter[] pushFilters(Filter[] filters) {
    for (Filter filter : filters) {
      Condition condition = Condition.of(table, filter);
      if (condition != null) {
        conditions.add(condition);
        used.add(filter);
      }
    }
    return filters;
  }

  @Override
  public Filter[] pushedFilters() {
    return used.toArray(new Filter[0]);
  }

  @Override
  public Scan build() {
    return new DicomScan(table, options, values, wanted, conditions);
  }
}
