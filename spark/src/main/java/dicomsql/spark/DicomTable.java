package dicomsql.spark;

import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** One table of the contract over one data root, readable in batch. */
final class DicomTable implements Table, SupportsRead {
  private final ContractTable table;
  private final DicomOptions options;
  private final SparkValues values;

  DicomTable(ContractTable table, DicomOptions options) {
    this.table = table;
    this.options = options;
    this.values = SparkValues.forSession(SparkSession.active());
  }

  @Override
  public String name() {
    return table.tableName();
  }

  @Override
  @SuppressWarnings("deprecation")
  public StructType schema() {
    return values.schema(table);
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
    return new DicomScanBuilder(table, options, values);
  }
}
