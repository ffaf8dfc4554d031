package dicomsql.spark;

import dicomsql.engine.index.ColumnType;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.StringStartsWith;

/**
 * A filter on a text column that the reader can use itself: the column equals one of some
 * values, or starts with a prefix. Spark checks every filter again on the rows it is given, so
 * a condition only ever saves work (files not opened, rows not made), never decides a result.
 */
record Condition(int column, Set<String> values, String prefix) implements Serializable {

  /** The condition a filter makes on a table, or null when it makes none the reader can use. */
  static Condition of(ContractTable table, Filter filter) {
    if (filter instanceof EqualTo equal && equal.value() instanceof String value) {
      return on(table, equal.attribute(), Set.of(value), null);
    }
    if (filter instanceof In in) {
      Set<String> values = new HashSet<>();
      for (Object value : in.values()) {
        if (!(value instanceof String text)) {
          return null;
        }
        values.add(text);
      }
      return on(table, in.attribute(), values, null);
    }
    if (filter instanceof StringStartsWith starts) {
      return on(table, starts.attribute(), null, starts.value());
    }
    return null;
  }

  private static Condition on(ContractTable table, String attribute, Set<String> values,
      String prefix) {
    int column = table.indexOf(attribute);
    if (column < 0 || table.type(column) != ColumnType.VARCHAR) {
      return null;
    }
    return new Condition(column, values, prefix);
  }

  boolean accepts(Object value) {
    if (!(value instanceof String text)) {
      return false;
    }
    return values != null ? values.contains(text) : text.startsWith(prefix);
  }

  /** The condition as SQL says it, for the plan's description. */
  String describe(ContractTable table) {
    String name = table.columns().get(column);
    if (values == null) {
      return name + " LIKE '" + prefix + "%'";
    }
    return values.size() == 1 ? name + " = '" + values.iterator().next() + "'"
        : name + " IN " + new TreeSet<>(values);
  }

  /** Whether an engine row of {@code table} passes every condition on its first columns. */
  static boolean all(List<Condition> conditions, ContractTable table, Object[] row, int columns) {
    for (Condition condition : conditions) {
      if (condition.column < columns
          && !condition.accepts(row[table.position(condition.column)])) {
        return false;
      }
    }
    return true;
  }
}
