package dicomsql.connector.rows;

import dicomsql.connector.DicomTable;
import dicomsql.engine.index.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.roaringbitmap.RoaringBitmap;

/**
 * A filter the index answers by itself, as bitmap algebra over the row sets of indexed
 * columns: comparisons with constants, equality with a statement's parameter, ranges, IN lists, IS [NOT] NULL and LIKE 'prefix%',
 * combined with AND and OR, a NOT pushed down to the comparisons. Each node gives the rows where
 * it is TRUE under SQL's three-valued logic. Public only for the generated code that hands it
 * back to {@link DicomTable}.
 */
public sealed interface IndexCondition {
  /** The rows of {@code source} where the condition is TRUE. */
  RoaringBitmap rows(RowSource source);

  /** How EXPLAIN shows it, with column names. */
  String describe(List<String> columns);

  /**
   * The condition with the values of a statement's parameters ({@code ?}) put in, from the
   * context of an execution; itself when it has none.
   */
  default IndexCondition bind(DataContext root) {
    return this;
  }

  /**
   * How many rows of {@code source} the condition keeps, for the planner: exact, except where a
   * parameter's value is not known yet (then the rows per distinct value of its column).
   */
  default double estimatedRows(RowSource source) {
    return rows(source).getCardinality();
  }

  /** Whether the condition compares a column with a parameter ({@code ?}). */
  default boolean hasParameters() {
    return false;
  }

  /**
   * Rows whose column equals the value of a statement's parameter, given at each execution: a
   * prepared lookup reads the index as one with a constant does. A null value matches no row
   * ({@code column = NULL} is UNKNOWN), and so does a number the column cannot hold.
   *
   * @param index the parameter's position (0 for the first {@code ?})
   */
  record Parameter(int column, int index, ColumnType type) implements IndexCondition {
    @Override
    public RoaringBitmap rows(RowSource source) {
      throw new IllegalStateException("parameter ?" + index + " was not bound");
    }

    @Override
    public double estimatedRows(RowSource source) {
      return source.rowCount() / Math.max(1, source.distinctValues(column));
    }

    @Override
    public IndexCondition bind(DataContext root) {
      Object value = value(root.get("?" + index));
      return new In(column, value == null ? List.of() : List.of(value));
    }

    /**
     * The parameter's value in the engine's type for the column, or null. A value of another
     * Java type (a setter of the wrong type) fails with the ClassCastException Calcite's own
     * code would throw, which the driver names in words.
     */
    private Object value(Object given) {
      if (given == null || type == ColumnType.VARCHAR) {
        return (String) given;
      }
      Number number = (Number) given;
      if (type == ColumnType.DOUBLE) {
        return number.doubleValue();
      }
      BigDecimal exact = number instanceof BigDecimal decimal ? decimal
          : new BigDecimal(number.toString());
      return IndexValue.of(exact, type);
    }

    @Override
    public boolean hasParameters() {
      return true;
    }

    @Override
    public String describe(List<String> columns) {
      return columns.get(column) + " = ?" + index;
    }
  }

  /** Rows whose column equals one of the values. */
  record In(int column, List<Object> values) implements IndexCondition {
    @Override
    public RoaringBitmap rows(RowSource source) {
      RoaringBitmap result = new RoaringBitmap();
      for (Object value : values) {
        result.or(source.equal(column, value));
      }
      return result;
    }

    @Override
    public String describe(List<String> columns) {
      return values.size() == 1 ? columns.get(column) + " = " + literal(values.get(0))
          : columns.get(column) + " IN (" + values.stream().map(IndexCondition::literal)
              .collect(Collectors.joining(", ")) + ")";
    }
  }

  /** Rows whose column lies within bounds; a null bound is open. */
  record Range(int column, Object low, boolean lowInclusive, Object high, boolean highInclusive)
      implements IndexCondition {
    @Override
    public RoaringBitmap rows(RowSource source) {
      return source.range(column, low, lowInclusive, high, highInclusive);
    }

    @Override
    public String describe(List<String> columns) {
      String name = columns.get(column);
      List<String> parts = new ArrayList<>();
      if (low != null) {
        parts.add(name + (lowInclusive ? " >= " : " > ") + literal(low));
      }
      if (high != null) {
        parts.add(name + (highInclusive ? " <= " : " < ") + literal(high));
      }
      return parts.isEmpty() ? name + " IS NOT NULL" : String.join(" AND ", parts);
    }
  }

  /** Rows whose text column starts with a prefix (LIKE 'prefix%'). */
  record Prefix(int column, String prefix) implements IndexCondition {
    @Override
    public RoaringBitmap rows(RowSource source) {
      return source.prefix(column, prefix);
    }

    @Override
    public String describe(List<String> columns) {
      return columns.get(column) + " LIKE " + literal(prefix + "%");
    }
  }

  /** Rows whose column is null (or, negated, is not). */
  record IsNull(int column, boolean negated) implements IndexCondition {
    @Override
    public RoaringBitmap rows(RowSource source) {
      RoaringBitmap nulls = source.nulls(column);
      if (!negated) {
        return nulls;
      }
      RoaringBitmap all = source.all();
      all.andNot(nulls);
      return all;
    }

    @Override
    public String describe(List<String> columns) {
      return columns.get(column) + (negated ? " IS NOT NULL" : " IS NULL");
    }
  }

  /**
   * The negation of a condition on one column: TRUE where the condition is FALSE. Where the
   * column is null the condition is usually UNKNOWN, and so is its negation: those rows are left
   * out when {@code nullIsUnknown}.
   */
  record Not(IndexCondition condition, int column, boolean nullIsUnknown)
      implements IndexCondition {
    @Override
    public RoaringBitmap rows(RowSource source) {
      RoaringBitmap result = source.all();
      result.andNot(condition.rows(source));
      if (nullIsUnknown) {
        result.andNot(source.nulls(column));
      }
      return result;
    }

    @Override
    public IndexCondition bind(DataContext root) {
      return hasParameters() ? new Not(condition.bind(root), column, nullIsUnknown) : this;
    }

    @Override
    public double estimatedRows(RowSource source) {
      return hasParameters() ? source.rowCount() - condition.estimatedRows(source)
          : IndexCondition.super.estimatedRows(source);
    }

    @Override
    public boolean hasParameters() {
      return condition.hasParameters();
    }

    @Override
    public String describe(List<String> columns) {
      return "NOT (" + condition.describe(columns) + ")";
    }
  }

  /** TRUE where every part is. */
  record And(List<IndexCondition> parts) implements IndexCondition {
    @Override
    public RoaringBitmap rows(RowSource source) {
      RoaringBitmap result = null;
      for (IndexCondition part : parts) {
        RoaringBitmap rows = part.rows(source);
        if (result == null) {
          result = rows;
        } else {
          result.and(rows);
        }
        if (result.isEmpty()) {
          break;
        }
      }
      return result == null ? source.all() : result;
    }

    @Override
    public IndexCondition bind(DataContext root) {
      return hasParameters() ? new And(bound(parts, root)) : this;
    }

    @Override
    public double estimatedRows(RowSource source) {
      return hasParameters() ? parts.stream().mapToDouble(part -> part.estimatedRows(source))
          .min().orElse(source.rowCount()) : IndexCondition.super.estimatedRows(source);
    }

    @Override
    public boolean hasParameters() {
      return parts.stream().anyMatch(IndexCondition::hasParameters);
    }

    @Override
    public String describe(List<String> columns) {
      return parts.stream().map(p -> p.describe(columns)).collect(Collectors.joining(" AND "));
    }
  }

  /** TRUE where any part is. */
  record Or(List<IndexCondition> parts) implements IndexCondition {
    @Override
    public RoaringBitmap rows(RowSource source) {
      RoaringBitmap result = new RoaringBitmap();
      for (IndexCondition part : parts) {
        result.or(part.rows(source));
      }
      return result;
    }

    @Override
    public IndexCondition bind(DataContext root) {
      return hasParameters() ? new Or(bound(parts, root)) : this;
    }

    @Override
    public double estimatedRows(RowSource source) {
      return hasParameters() ? Math.min(source.rowCount(), parts.stream()
          .mapToDouble(part -> part.estimatedRows(source)).sum())
          : IndexCondition.super.estimatedRows(source);
    }

    @Override
    public boolean hasParameters() {
      return parts.stream().anyMatch(IndexCondition::hasParameters);
    }

    @Override
    public String describe(List<String> columns) {
      return "(" + parts.stream().map(p -> p.describe(columns))
          .collect(Collectors.joining(" OR ")) + ")";
    }
  }

  private static List<IndexCondition> bound(List<IndexCondition> parts, DataContext root) {
    return parts.stream().map(part -> part.bind(root)).toList();
  }

  private static String literal(Object value) {
    if (value instanceof String text) {
      return "'" + text.replace("'", "''") + "'";
    }
    if (value instanceof LocalDate date) {
      return "DATE '" + date + "'";
    }
    if (value instanceof LocalTime time) {
      return "TIME '" + time + "'";
    }
    return String.valueOf(value);
  }

  /**
   * How generated code gets the condition: through Calcite's stash (the statement's context),
   * not written into the code, so that the code is the same whatever the constants are.
   */
  static Expression reference(EnumerableRelImplementor implementor, IndexCondition condition) {
    if (condition == null) {
      return Expressions.constant(null, IndexCondition.class);
    }
    Expression stashed = implementor.stash(condition, IndexCondition.class);
    // Bound at each execution, to that execution's parameter values.
    return condition.hasParameters()
        ? Expressions.call(stashed, "bind", implementor.getRootExpression()) : stashed;
  }
}
