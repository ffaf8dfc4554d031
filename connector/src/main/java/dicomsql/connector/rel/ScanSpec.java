package dicomsql.connector.rel;

import dicomsql.connector.DicomTable;
import dicomsql.connector.ProjectedTable;
import dicomsql.connector.rows.IndexCondition;
import dicomsql.connector.rows.RowSource;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * What a scan of a {@link DicomTable} does: which columns it decodes, which condition the
 * index answers for it, and which rest of the filter it checks on each decoded row (so that a
 * filter moves into the scan whole); shared by the two kinds of scan node.
 */
public record ScanSpec(RelOptTable table, DicomTable dicomTable, int[] fields,
    IndexCondition condition, RexNode residual) {

  /** A full-row scan of a table. */
  public static ScanSpec of(RelOptTable table, DicomTable dicomTable) {
    int[] fields = new int[dicomTable.columnNames().size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = i;
    }
    return new ScanSpec(table, dicomTable, fields, null, null);
  }

  boolean isFullRow() {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i] != i) {
        return false;
      }
    }
    return fields.length == dicomTable.columnNames().size();
  }

  ScanSpec withFields(int[] newFields, RexNode newResidual) {
    return new ScanSpec(table, dicomTable, newFields, condition, newResidual);
  }

  ScanSpec withFilter(IndexCondition newCondition, RexNode newResidual) {
    return new ScanSpec(table, dicomTable, fields, newCondition, newResidual);
  }

  /** The scan node. */
  public RelNode toRel(RelOptCluster cluster) {
    return new DicomTableScan(cluster, this);
  }

  /**
   * The table a scan node reports: the table itself for a full-row scan, else a table of just
   * the decoded columns, whose keys Calcite's metadata can then trust.
   */
  RelOptTable scannedTable(RelDataTypeFactory typeFactory) {
    if (isFullRow()) {
      return table;
    }
    RelDataType projected = rowType(typeFactory);
    return RelOptTableImpl.create(table.getRelOptSchema(), projected,
        table.getQualifiedName(), new ProjectedTable(dicomTable, table.getRowType(), fields),
        table::getExpression);
  }

  RelDataType rowType(RelDataTypeFactory typeFactory) {
    List<RelDataTypeField> all = table.getRowType().getFieldList();
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (int field : fields) {
      builder.add(all.get(field));
    }
    return builder.build();
  }

  /** The names of the decoded columns. */
  List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    for (int field : fields) {
      names.add(dicomTable.columnNames().get(field));
    }
    return names;
  }

  RelWriter explain(RelWriter pw) {
    return pw.item("columns", fieldNames())
        .itemIf("index", condition == null ? "" : condition.describe(dicomTable.columnNames()),
            condition != null)
        .itemIf("filter", residual, residual != null);
  }

  /**
   * Rows out: exact for what the index answers (it tells cheaply; estimated for a parameter's
   * value, not known yet), times Calcite's guess for the rest of the filter.
   */
  double rowCount() {
    RowSource source = dicomTable.source();
    double indexed = condition == null ? source.rowCount()
        : condition.estimatedRows(source);
    return residual == null ? indexed : indexed * RelMdUtil.guessSelectivity(residual);
  }

  /**
   * Cheaper with fewer rows and fewer columns to decode, and cheaper with a pushed condition
   * than without even when it keeps every row (bitmaps beat evaluating the filter per row).
   * The factors scale the row count, since Calcite's planner compares costs by rows alone.
   */
  RelOptCost cost(RelOptPlanner planner, double rowCount) {
    double width = (fields.length + 2D) / (dicomTable.columnNames().size() + 2D);
    double rows = rowCount * width * (condition == null ? 1 : 0.9);
    return planner.getCostFactory().makeCost(rows, rows + 1, 0);
  }

  /**
   * The code of the scan; with a residual, the plain scan's rows go through a generated
   * EnumerableCalc that checks it, as Calcite's own file adapter does.
   */
  EnumerableRel.Result implement(EnumerableRelImplementor implementor, EnumerableRel.Prefer pref,
      RelNode node) {
    if (residual != null) {
      RelOptCluster cluster = node.getCluster();
      RelNode plain = new DicomEnumerableScan(cluster,
          new ScanSpec(table, dicomTable, fields, condition, null));
      RexBuilder rexBuilder = cluster.getRexBuilder();
      RelDataType rowType = node.getRowType();
      List<RexNode> identity = new ArrayList<>();
      for (int i = 0; i < rowType.getFieldCount(); i++) {
        identity.add(rexBuilder.makeInputRef(rowType.getFieldList().get(i).getType(), i));
      }
      RexProgram program = RexProgram.create(rowType, identity, residual, rowType, rexBuilder);
      return EnumerableCalc.create(plain, program).implement(implementor, pref);
    }
    return implementScan(implementor, node.getRowType());
  }

  private EnumerableRel.Result implementScan(EnumerableRelImplementor implementor,
      RelDataType rowType) {
    Expression tableExpression = table.getExpression(DicomTable.class);
    Expression rows = Expressions.call(tableExpression, "scan",
        implementor.getRootExpression(),
        IndexCondition.reference(implementor, condition),
        Expressions.constant(fields));
    return ArrayRowResult.of(implementor, rowType, new BlockBuilder(), rows);
  }
}
