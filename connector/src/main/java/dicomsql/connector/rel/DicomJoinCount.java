package dicomsql.connector.rel;

import dicomsql.connector.DicomTable;
import dicomsql.connector.rows.IndexCondition;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code COUNT(*)} of an inner equi-join of two scans the index filters entirely, grouped by
 * columns of one side (the "one" side) or not at all: for each row of that side, the rows of the
 * other side (the scan of this node) it joins with are the intersection of the index's row sets
 * for its key values, and only their number is taken (for {@code contour_points}, the contours'
 * point counts). Groups may also be by indexed columns of the other side, whose row sets split
 * the joined rows. Only the one side's keys and grouping columns are decoded. In place of the
 * count, the node may give how many distinct non-null values one of the group columns takes per
 * group of the others: {@code COUNT(DISTINCT)} grouped by the rest.
 */
public final class DicomJoinCount extends IndexAnswer {
  private final ScanSpec one;
  private final int[] oneKeys;
  private final int[] keys;
  private final int[] groups;
  private final int[] manyGroups;
  private final boolean oneFirst;
  private final int distinct;
  private final int counts;

  /**
   * @param one the scan whose rows are decoded
   * @param oneKeys its source columns of the join keys
   * @param keys the source columns of this node's scan that they equal, each indexed
   * @param groups source columns of {@code one} grouped by, in output order
   * @param manyGroups indexed source columns of this node's scan grouped by, in output order
   * @param oneFirst whether the output has {@code groups} before {@code manyGroups}
   * @param distinct the position in {@code manyGroups} of the column whose distinct values
   *     are counted, and which is left out of the output; -1 to count rows
   * @param counts how many counts the aggregate asks for
   */
  DicomJoinCount(RelOptCluster cluster, ScanSpec many, ScanSpec one, int[] oneKeys, int[] keys,
      int[] groups, int[] manyGroups, boolean oneFirst, int distinct, int counts,
      RelDataType outputType) {
    super(cluster, cluster.traitSet(), many, outputType);
    this.one = one;
    this.oneKeys = oneKeys;
    this.keys = keys;
    this.groups = groups;
    this.manyGroups = manyGroups;
    this.oneFirst = oneFirst;
    this.distinct = distinct;
    this.counts = counts;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomJoinCount(getCluster(), scan, one, oneKeys, keys, groups, manyGroups,
        oneFirst, distinct, counts, getRowType());
  }

  /**
   * This count with the group column at {@code position} (among all, in output order) counted
   * distinctly per the other groups, {@code counts} times; null unless it is a column of this
   * node's scan, whose values split the joined rows.
   */
  DicomJoinCount countingDistinct(int position, int counts, RelDataType outputType) {
    int inMany = position - (oneFirst ? groups.length : 0);
    if (inMany < 0 || inMany >= manyGroups.length) {
      return null;
    }
    return new DicomJoinCount(getCluster(), scan, one, oneKeys, keys, groups, manyGroups,
        oneFirst, inMany, counts, outputType);
  }

  @Override
  RelWriter explainAnswer(RelWriter pw) {
    return explainJoin(pw, one, oneKeys, scan, keys, groups)
        .itemIf("split", pairs(scan.dicomTable().columnNames(), manyGroups, null, null),
            manyGroups.length > 0)
        // Part of the digest: two counts that differ only in the order of their output are
        // not the same expression, and the planner would merge their sets if they looked so.
        .itemIf("splitFirst", true, !oneFirst && groups.length > 0 && manyGroups.length > 0)
        .item("count", distinct < 0 ? "*"
            : "DISTINCT " + scan.dicomTable().columnNames().get(manyGroups[distinct]));
  }

  /**
   * The joined scan {@code one} with its condition, the pairs of key columns equal, and the
   * columns of {@code one} grouped by.
   */
  static RelWriter explainJoin(RelWriter pw, ScanSpec one, int[] oneKeys, ScanSpec many,
      int[] keys, int[] groups) {
    IndexCondition condition = one.condition();
    List<String> names = one.dicomTable().columnNames();
    return pw.item("joined", one.table().getQualifiedName())
        .itemIf("joinedIndex", condition == null ? "" : condition.describe(names),
            condition != null)
        .item("on", pairs(names, oneKeys, many.dicomTable().columnNames(), keys))
        .itemIf("group", pairs(names, groups, null, null), groups.length > 0);
  }

  private static List<String> pairs(List<String> names, int[] columns, List<String> otherNames,
      int[] others) {
    List<String> described = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      described.add(names.get(columns[i])
          + (others == null ? "" : " = " + otherNames.get(others[i])));
    }
    return described;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return groups.length + manyGroups.length == 0 ? 1 : Math.max(1, one.rowCount() / 10);
  }

  @Override
  String method() {
    return "joinCount";
  }

  @Override
  List<Expression> arguments(EnumerableRelImplementor implementor) {
    List<Expression> arguments = joinArguments(implementor, one, oneKeys, keys, groups);
    arguments.addAll(List.of(Expressions.constant(manyGroups), Expressions.constant(oneFirst),
        Expressions.constant(distinct), Expressions.constant(counts)));
    return arguments;
  }

  /**
   * The arguments that say what is joined, which the generated code passes first after the
   * context and the condition: the one side's table and condition, its keys, the other's, and
   * the one side's group columns.
   */
  static List<Expression> joinArguments(EnumerableRelImplementor implementor, ScanSpec one,
      int[] oneKeys, int[] keys, int[] groups) {
    return new ArrayList<>(List.of(one.table().getExpression(DicomTable.class),
        IndexCondition.reference(implementor, one.condition()),
        Expressions.constant(oneKeys), Expressions.constant(keys),
        Expressions.constant(groups)));
  }
}
