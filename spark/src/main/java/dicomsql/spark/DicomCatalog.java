package dicomsql.spark;

import java.util.Map;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Every table of the contract over one data root, as a Spark catalog:
 * {@code spark.sql.catalog.dicom=dicomsql.spark.DicomCatalog} with
 * {@code spark.sql.catalog.dicom.path=/data} (and optionally {@code .phaseRules},
 * {@code .partitions}) makes {@code SELECT * FROM dicom.rois WHERE phase = 'A'} work. The
 * tables are read-only: the data folder is never written to.
 */
public final class DicomCatalog implements TableCatalog {
  private String name;
  private DicomOptions options;

  @Override
  public void initialize(String catalogName, CaseInsensitiveStringMap settings) {
    this.name = catalogName;
    this.options = DicomOptions.of(settings);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Identifier[] listTables(String[] namespace) {
    return ContractTable.names().stream()
        .map(table -> Identifier.of(new String[0], table))
        .toArray(Identifier[]::new);
  }

  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    if (ident.namespace().length > 0) {
      throw new NoSuchTableException(ident);
    }
    try {
      return new DicomTable(ContractTable.named(ident.name()), options);
    } catch (IllegalArgumentException e) {
      throw new NoSuchTableException(ident);
    }
  }

  @Override
  public Table createTable(Identifier ident, StructType schema, Transform[] partitions,
      Map<String, String> properties) {
    throw readOnly();
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) {
    throw readOnly();
  }

  @Override
  public boolean dropTable(Identifier ident) {
    throw readOnly();
  }

  @Override
  public void renameTable(Identifier oldIdent, Identifier newIdent) {
    throw readOnly();
  }

  private UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("the " + name
        + " catalog is read-only: its tables are read from the DICOM files");
  }
}
