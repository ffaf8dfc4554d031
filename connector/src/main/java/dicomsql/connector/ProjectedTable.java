package dicomsql.connector;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Some columns of a {@link DicomTable}, as the table of a scan that decodes only those: its row
 * type is theirs and its keys are the table's keys that lie among them, so that Calcite's
 * metadata knows, say, that a scan of series_uid and phase is unique on series_uid.
 */
public final class ProjectedTable extends AbstractTable {
  private final DicomTable table;
  private final RelDataType tableRowType;
  private final int[] fields;

  public ProjectedTable(DicomTable table, RelDataType tableRowType, int[] fields) {
    this.table = table;
    this.tableRowType = tableRowType;
    this.fields = fields;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    List<RelDataTypeField> all = tableRowType.getFieldList();
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (int field : fields) {
      builder.add(all.get(field));
    }
    return builder.build();
  }

  @Override
  public Statistic getStatistic() {
    Statistic full = table.getStatistic();
    List<ImmutableBitSet> keys = new ArrayList<>();
    for (ImmutableBitSet key : full.getKeys() == null ? List.<ImmutableBitSet>of()
        : full.getKeys()) {
      ImmutableBitSet.Builder mapped = ImmutableBitSet.builder();
      boolean complete = true;
      for (int column : key) {
        int position = position(column);
        if (position < 0) {
          complete = false;
          break;
        }
        mapped.set(position);
      }
      if (complete) {
        keys.add(mapped.build());
      }
    }
    return Statistics.of(full.getRowCount(), keys);
  }

  private int position(int column) {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i] == column) {
        return i;
      }
    }
    return -1;
  }
}
