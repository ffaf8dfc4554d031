package dicomsql.connector.rel;


import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import dicomsql.connector.rows.IndexCondition;
import dicomsql.connector.rows.IndexValue;
import dicomsql.connector.rows.RowSource;
import dicomsql.engine.index.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimeString;

/**
 * Translates a filter's condition into what the index can answer ({@link IndexCondition}) and
 * what is left for Calcite: each conjunct is taken whole or not at all. Comparisons of an
 * indexed column with a constant, its equality with a parameter, IN lists and ranges (Calcite's SEARCH), IS [NOT] NULL and
 * LIKE 'prefix%' are taken, and AND, OR and NOT of those.
 */
final class DicomFilterTranslator {
  /** The part the index answers (null if none) and the rest (null if none). */
  record Result(IndexCondition condition, RexNode residual) {}

  private final RowSource source;
  private final int[] fields;

  /** @param fields the source column behind each input field of the filter */
  DicomFilterTranslator(RowSource source, int[] fields) {
    this.source = source;
    this.fields = fields;
  }

  Result translate(RexNode condition, RexBuilder rexBuilder) {
    List<IndexCondition> handled = new ArrayList<>();
    List<RexNode> residual = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      IndexCondition translated = translate(conjunct, false);
      if (translated == null) {
        residual.add(conjunct);
      } else {
        handled.add(translated);
      }
    }
    IndexCondition index = handled.isEmpty() ? null
        : handled.size() == 1 ? handled.get(0) : new IndexCondition.And(handled);
    RexNode rest = residual.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, residual);
    return new Result(index, rest);
  }

  /** The condition (negated if asked), or null when the index cannot answer it. */
  private IndexCondition translate(RexNode node, boolean negated) {
    if (!(node instanceof RexCall call)) {
      return null;
    }
    switch (call.getKind()) {
      case AND:
      case OR:
        boolean and = call.getKind() == SqlKind.AND ^ negated;
        List<IndexCondition> parts = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
          IndexCondition part = translate(operand, negated);
          if (part == null) {
            return null;
          }
          parts.add(part);
        }
        return and ? new IndexCondition.And(parts) : new IndexCondition.Or(parts);
      case NOT:
        return translate(call.getOperands().get(0), !negated);
      case IS_NULL:
      case IS_NOT_NULL:
        int column = column(call.getOperands().get(0));
        return column < 0 ? null
            : new IndexCondition.IsNull(column, call.getKind() == SqlKind.IS_NOT_NULL ^ negated);
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison(call, negated);
      case SEARCH:
        return search(call, negated);
      case LIKE:
        // ILIKE is a LIKE too, but the index's prefixes match case and all.
        return call.getOperator() instanceof SqlLikeOperator like && !like.isCaseSensitive()
            ? null : like(call, negated);
      default:
        return null;
    }
  }

  private IndexCondition comparison(RexCall call, boolean negated) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if ((left instanceof RexLiteral || left instanceof RexDynamicParam)
        && right instanceof RexInputRef) {
      RexNode swap = left;
      left = right;
      right = swap;
      kind = kind.reverse();
    }
    int column = column(left);
    if (column >= 0 && right instanceof RexDynamicParam parameter) {
      return parameter(column, parameter, kind, negated, source.type(column));
    }
    if (column < 0 || !(right instanceof RexLiteral literal) || literal.isNull()) {
      return null;
    }
    Object value = value(literal, source.type(column));
    if (value == null) {
      return null;
    }
    if (kind == SqlKind.NOT_EQUALS) {
      kind = SqlKind.EQUALS;
      negated = !negated;
    }
    IndexCondition leaf = switch (kind) {
      case EQUALS -> new IndexCondition.In(column, List.of(value));
      case LESS_THAN -> new IndexCondition.Range(column, null, false, value, false);
      case LESS_THAN_OR_EQUAL -> new IndexCondition.Range(column, null, false, value, true);
      case GREATER_THAN -> new IndexCondition.Range(column, value, false, null, false);
      case GREATER_THAN_OR_EQUAL -> new IndexCondition.Range(column, value, true, null, false);
      default -> null;
    };
    return leaf == null ? null : negated ? new IndexCondition.Not(leaf, column, true) : leaf;
  }

  /**
   * {@code column = ?} of a prepared statement, answered by the index once the parameter's value
   * is known (see {@link IndexCondition.Parameter}). Only an equality that is not negated: under
   * a NOT, a null value would need the UNKNOWN the index does not keep apart from FALSE.
   */
  private static IndexCondition parameter(int column, RexDynamicParam parameter, SqlKind kind,
      boolean negated, ColumnType type) {
    boolean comparable = switch (type) {
      case VARCHAR, INTEGER, BIGINT, DOUBLE -> true;
      default -> false;
    };
    return kind == SqlKind.EQUALS && !negated && comparable
        ? new IndexCondition.Parameter(column, parameter.getIndex(), type) : null;
  }

  /** Calcite's SEARCH(column, Sarg): points and ranges, and whether NULL counts as a match. */
  private IndexCondition search(RexCall call, boolean negated) {
    int column = column(call.getOperands().get(0));
    if (column < 0 || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
      return null;
    }
    Sarg<?> sarg = literal.getValueAs(Sarg.class);
    if (sarg == null) {
      return null;
    }
    List<IndexCondition> parts = new ArrayList<>();
    List<Object> points = new ArrayList<>();
    for (Range<?> range : sarg.rangeSet.asRanges()) {
      Object low = range.hasLowerBound() ? IndexValue.of(range.lowerEndpoint(), source.type(column))
          : null;
      Object high = range.hasUpperBound() ? IndexValue.of(range.upperEndpoint(), source.type(column))
          : null;
      if (range.hasLowerBound() && low == null || range.hasUpperBound() && high == null) {
        return null;
      }
      boolean lowInclusive = range.hasLowerBound() && range.lowerBoundType() == BoundType.CLOSED;
      boolean highInclusive = range.hasUpperBound()
          && range.upperBoundType() == BoundType.CLOSED;
      if (low != null && low.equals(high) && lowInclusive && highInclusive) {
        points.add(low);
      } else {
        parts.add(new IndexCondition.Range(column, low, lowInclusive, high, highInclusive));
      }
    }
    if (!points.isEmpty()) {
      parts.add(0, new IndexCondition.In(column, points));
    }
    if (sarg.nullAs == RexUnknownAs.TRUE) {
      parts.add(new IndexCondition.IsNull(column, false));
    }
    IndexCondition positive = parts.size() == 1 ? parts.get(0) : new IndexCondition.Or(parts);
    // A negated SEARCH is TRUE on NULL only when the SEARCH itself was FALSE there.
    return negated
        ? new IndexCondition.Not(positive, column, sarg.nullAs == RexUnknownAs.UNKNOWN) : positive;
  }

  private IndexCondition like(RexCall call, boolean negated) {
    if (call.getOperands().size() != 2) {
      return null;
    }
    int column = column(call.getOperands().get(0));
    if (column < 0 || source.type(column) != ColumnType.VARCHAR
        || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
      return null;
    }
    String pattern = literal.getValueAs(String.class);
    if (pattern == null || !pattern.endsWith("%")) {
      return null;
    }
    String prefix = pattern.substring(0, pattern.length() - 1);
    if (prefix.indexOf('%') >= 0 || prefix.indexOf('_') >= 0) {
      return null;
    }
    IndexCondition leaf = new IndexCondition.Prefix(column, prefix);
    return negated ? new IndexCondition.Not(leaf, column, true) : leaf;
  }

  /** The source column an input reference stands for, if it is indexed; else -1. */
  private int column(RexNode node) {
    if (!(node instanceof RexInputRef ref)) {
      return -1;
    }
    int column = fields[ref.getIndex()];
    return source.isIndexed(column) ? column : -1;
  }

  private static Object value(RexLiteral literal, ColumnType type) {
    Object raw = switch (type) {
      case VARCHAR -> literal.getValueAs(String.class);
      case INTEGER, BIGINT, DOUBLE -> literal.getValueAs(BigDecimal.class);
      case DATE -> literal.getValueAs(DateString.class);
      case TIME -> literal.getValueAs(TimeString.class);
      default -> null;
    };
    return raw == null ? null : IndexValue.of(raw, type);
  }
}
