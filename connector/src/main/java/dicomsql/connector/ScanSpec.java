package dicomsql.connector;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * What a scan of a {@link DicomTable} does: which columns it decodes and which condition the
 * index answers for it; shared by the two kinds of scan node, one per shape of row.
 */
record ScanSpec(RelOptTable table, DicomTable dicomTable, int[] fields,
    IndexCondition condition) {

  /** A full-row scan of a table. */
  static ScanSpec of(RelOptTable table, DicomTable dicomTable) {
    int[] fields = new int[dicomTable.columnNames().size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = i;
    }
    return new ScanSpec(table, dicomTable, fields, null);
  }

  boolean isFullRow() {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i] != i) {
        return false;
      }
    }
    return fields.length == dicomTable.columnNames().size();
  }

  ScanSpec withFields(int[] newFields) {
    return new ScanSpec(table, dicomTable, newFields, condition);
  }

  ScanSpec withCondition(IndexCondition newCondition) {
    return new ScanSpec(table, dicomTable, fields, newCondition);
  }

  /**
   * The scan node: a {@link DicomTableScan} (a TableScan, so that Calcite's metadata and field
   * trimming treat it as one) for the full row, else a {@link DicomProjectedScan}.
   */
  RelNode toRel(RelOptCluster cluster) {
    return isFullRow() ? new DicomTableScan(cluster, this) : new DicomProjectedScan(cluster, this);
  }

  RelDataType rowType(RelDataTypeFactory typeFactory) {
    List<RelDataTypeField> all = table.getRowType().getFieldList();
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (int field : fields) {
      builder.add(all.get(field));
    }
    return builder.build();
  }

  RelWriter explain(RelWriter pw) {
    List<String> names = new ArrayList<>();
    for (int field : fields) {
      names.add(dicomTable.columnNames().get(field));
    }
    return pw.item("columns", names)
        .itemIf("index", condition == null ? "" : condition.describe(dicomTable.columnNames()),
            condition != null);
  }

  /** The exact number of rows when a condition was pushed (the index tells it cheaply). */
  double rowCount() {
    RowSource source = dicomTable.source();
    return condition == null ? source.rowCount() : condition.rows(source).getCardinality();
  }

  /**
   * Cheaper with fewer rows and fewer columns to decode. The width scales the row count too,
   * since Calcite's planner compares costs by rows alone.
   */
  RelOptCost cost(RelOptPlanner planner, double rowCount) {
    double width = (fields.length + 2D) / (dicomTable.columnNames().size() + 2D);
    return planner.getCostFactory().makeCost(rowCount * width, rowCount * width + 1, 0);
  }

  EnumerableRel.Result implement(EnumerableRelImplementor implementor, RelDataType rowType) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), rowType,
        JavaRowFormat.ARRAY, false);
    Expression tableExpression = table.getExpression(DicomTable.class);
    Expression rows = Expressions.call(tableExpression, "scan",
        implementor.getRootExpression(),
        Expressions.constant(condition == null ? "" : IndexCondition.encode(condition)),
        Expressions.constant(fields));
    return implementor.result(physType, Blocks.toBlock(rows));
  }
}
