package dicomsql.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code spark.read.format("dicom").option("table", "instances").load("/data")}: one table of
 * the contract over a data root. Options: {@code table} (required), {@code phaseRules} (a
 * rules file, as the embedded engine's), {@code partitions} (file lists per read).
 */
public final class DicomDataSource implements TableProvider, DataSourceRegister {
  static final String TABLE = "table";

  @Override
  public String shortName() {
    return "dicom";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return SparkValues.forSession(SparkSession.active()).schema(table(options));
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning,
      Map<String, String> properties) {
    return new DicomTable(table(new CaseInsensitiveStringMap(properties)),
        DicomOptions.of(properties));
  }

  private static ContractTable table(CaseInsensitiveStringMap options) {
    String name = options.get(TABLE);
    if (name == null) {
      throw new IllegalArgumentException("dicom needs option(\"table\", ...): one of "
          + ContractTable.names());
    }
    return ContractTable.named(name);
  }
}
