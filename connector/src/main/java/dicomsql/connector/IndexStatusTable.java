package dicomsql.connector;

import dicomsql.engine.index.DicomIndex;
import dicomsql.engine.index.IndexUpdate;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code index_status}: one row saying where the connection's index lives and what opening it
 * did (built, refreshed, unchanged, or not refreshed and why), and how long that took. Reading
 * it opens the index, so it also serves to build or refresh one ahead of time.
 */
final class IndexStatusTable extends AbstractTable implements ScannableTable {
  static final List<String> COLUMNS = List.of("data_root", "index_folder", "last_update",
      "seconds", "files_changed", "note");

  private final Supplier<DicomIndex> index;

  IndexStatusTable(Supplier<DicomIndex> index) {
    this.index = index;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return typeFactory.builder()
        .add(COLUMNS.get(0), SqlTypeName.VARCHAR)
        .add(COLUMNS.get(1), SqlTypeName.VARCHAR)
        .add(COLUMNS.get(2), SqlTypeName.VARCHAR)
        .add(COLUMNS.get(3), SqlTypeName.DOUBLE)
        .add(COLUMNS.get(4), SqlTypeName.INTEGER)
        .add(COLUMNS.get(5), SqlTypeName.VARCHAR).nullable(true)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    DicomIndex open = index.get();
    IndexUpdate update = open.update();
    return Linq4j.asEnumerable(List.<Object[]>of(new Object[] {
        open.dataRoot().toString(), open.folder().toString(),
        update.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '), update.seconds(),
        update.filesChanged(), update.note()}));
  }
}
