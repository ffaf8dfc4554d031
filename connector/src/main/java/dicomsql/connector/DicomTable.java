package dicomsql.connector;

import dicomsql.connector.rel.DicomColumnAggregate;
import dicomsql.connector.rel.DicomContourAggregate;
import dicomsql.connector.rel.DicomIndexAggregate;
import dicomsql.connector.rel.DicomJoinContourAggregate;
import dicomsql.connector.rel.DicomJoinCount;
import dicomsql.connector.rel.DicomTableScan;
import dicomsql.connector.rel.ScanSpec;
import dicomsql.connector.rows.ColumnAggregation;
import dicomsql.connector.rows.ContourPointRows;
import dicomsql.connector.rows.FirstRows;
import dicomsql.connector.rows.IndexCondition;
import dicomsql.connector.rows.JoinCounting;
import dicomsql.connector.rows.RowSource;
import dicomsql.engine.index.ColumnType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.QueryableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;
import org.roaringbitmap.RoaringBitmap;

/**
 * A SQL table over the index. Planning turns it into a {@link DicomTableScan}, into which
 * filters and projections are pushed; at run time the scan's generated code calls
 * {@link #scan}, which evaluates the pushed filter as bitmaps and decodes only the rows that
 * pass and only the columns asked for. Nothing is read before a query needs it.
 */
public final class DicomTable extends AbstractTable
    implements TranslatableTable, QueryableTable {
  private final String name;
  private final List<String> columns;
  private final List<ColumnType> types;
  private final List<int[]> keys;
  private final Supplier<? extends RowSource> source;
  private final boolean pushdown;
  private volatile Statistic statistic;

  /** @param pushdown whether sorts and aggregates are answered from the index */
  DicomTable(String name, List<String> columns, List<ColumnType> types, List<int[]> keys,
      boolean pushdown, Supplier<? extends RowSource> source) {
    this.pushdown = pushdown;
    this.name = name;
    this.columns = List.copyOf(columns);
    this.types = List.copyOf(types);
    this.keys = List.copyOf(keys);
    this.source = source;
  }

  String name() {
    return name;
  }

  public List<String> columnNames() {
    return columns;
  }

  public boolean pushdown() {
    return pushdown;
  }

  public RowSource source() {
    return source.get();
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (int i = 0; i < columns.size(); i++) {
      builder.add(columns.get(i), SqlValues.sqlType(typeFactory, types.get(i)));
    }
    return builder.build();
  }

  /**
   * Row count and keys from what the index keeps; asked many times while one statement is
   * planned, and the same for the schema's life, since its index stays as it was opened.
   */
  @Override
  public Statistic getStatistic() {
    Statistic known = statistic;
    if (known == null) {
      RowSource rows = source.get();
      List<ImmutableBitSet> unique = new ArrayList<>();
      for (int[] key : keys) {
        if (rows.isUnique(key)) {
          unique.add(ImmutableBitSet.of(key));
        }
      }
      known = Statistics.of(rows.rowCount(), unique);
      statistic = known;
    }
    return known;
  }

  @Override
  public Type getElementType() {
    return Object[].class;
  }

  /** How generated code reaches this table, to call {@link #scan}. */
  @Override
  public Expression getExpression(SchemaPlus schema, String tableName, Class clazz) {
    return Schemas.tableExpression(schema, getElementType(), tableName, clazz);
  }

  @Override
  public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema,
      String tableName) {
    throw new UnsupportedOperationException("dicomsql tables are read through their scan");
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return ScanSpec.of(relOptTable, this).toRel(context.getCluster());
  }

  /**
   * Called by generated code: the rows where the pushed condition holds (all when it is null), as arrays of the
   * given columns in Calcite's internal form. Stops early when the statement is cancelled.
   */
  public Enumerable<Object[]> scan(DataContext root, IndexCondition filter, int[] fields) {
    RowSource rows = source.get();
    AtomicBoolean cancelled = DataContext.Variable.CANCEL_FLAG.get(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        RoaringBitmap ids = filter == null ? rows.all() : filter.rows(rows);
        return new RowEnumerator(rows.rows(ids, fields), cancelled);
      }
    };
  }

  /**
   * Called by generated code for {@code ORDER BY column LIMIT}: rows {@code offset} to
   * {@code offset + fetch} of those the condition keeps, in the order of an indexed column,
   * found from its value map (rows with equal values in id order); only those are decoded.
   */
  public Enumerable<Object[]> sortedScan(DataContext root, IndexCondition filter, int[] fields,
      int column, boolean descending, boolean nullsFirst, long offset, long fetch) {
    return page(root, filter, fields, offset, false, (rows, kept) -> FirstRows.ofIndexed(rows,
        kept, column, descending, nullsFirst, FirstRows.wanted(offset, fetch)));
  }

  /**
   * Called by generated code for {@code ORDER BY column LIMIT} on a numeric column the index
   * keeps column-wise: as {@link #sortedScan}, the first rows found by reading the column's
   * values of the rows the condition keeps, with a bounded heap; with {@code ties}, those rows
   * and the others whose value equals the last one's, in id order, for a sort above to order.
   */
  public Enumerable<Object[]> columnSortedScan(DataContext root, IndexCondition filter,
      int[] fields, int column, boolean descending, boolean nullsFirst, long offset,
      long fetch, boolean ties) {
    return page(root, filter, fields, offset, ties, (rows, kept) -> FirstRows.ofColumn(rows,
        kept, column, descending, nullsFirst, FirstRows.wanted(offset, fetch), ties));
  }

  /**
   * The rows of the ids {@code first} finds among those the condition keeps (null: all), from
   * position {@code offset} on, in that order; or, for a sort above to order ({@code idOrder}),
   * all of them in id order, decoded as they are read.
   */
  private Enumerable<Object[]> page(DataContext root, IndexCondition filter, int[] fields,
      long offset, boolean idOrder, BiFunction<RowSource, RoaringBitmap, int[]> first) {
    RowSource rows = source.get();
    AtomicBoolean cancelled = DataContext.Variable.CANCEL_FLAG.get(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        int[] ids = first.apply(rows, filter == null ? null : filter.rows(rows));
        if (idOrder) {
          return new RowEnumerator(rows.rows(RoaringBitmap.bitmapOfUnordered(ids), fields),
              cancelled);
        }
        List<Object[]> page = new ArrayList<>();
        for (int at = (int) Math.min(offset, ids.length); at < ids.length; at++) {
          Iterator<Object[]> row = rows.rows(RoaringBitmap.bitmapOf(ids[at]), fields);
          if (row.hasNext()) {
            page.add(row.next());
          }
        }
        return new RowEnumerator(page.iterator(), cancelled);
      }
    };
  }

  /**
   * Called by generated code for {@link DicomIndexAggregate}: one row, per output column the
   * aggregate ({@code kinds}, ordinals of {@link DicomIndexAggregate.Kind}) of a column over
   * the rows the condition keeps, from the column's value map.
   */
  public Enumerable<Object[]> indexAggregate(DataContext root, IndexCondition filter,
      int[] kinds, int[] columns) {
    RowSource rows = source.get();
    RoaringBitmap kept = filter == null ? rows.all() : filter.rows(rows);
    Object[] result = new Object[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      result[i] = switch (DicomIndexAggregate.Kind.values()[kinds[i]]) {
        case COUNT -> rows.count(kept);
        case MIN -> SqlValues.internal(firstValue(rows.valueSets(columns[i], false), kept));
        case MAX -> SqlValues.internal(firstValue(rows.valueSets(columns[i], true), kept));
        case COUNT_DISTINCT -> distinctValues(rows.valueSets(columns[i], false), kept);
      };
    }
    return Linq4j.singletonEnumerable(result);
  }

  /**
   * Called by generated code for {@link DicomColumnAggregate}: per group of the rows the
   * condition keeps (by the {@code groups} columns, each split as the
   * {@link DicomColumnAggregate.Grouping} of that ordinal in {@code groupings} says), their
   * values and each call's result ({@code calls} as {@link DicomColumnAggregate.Call#encode}
   * writes them), computed from the columns the index keeps column-wise.
   */
  public Enumerable<Object[]> columnAggregate(DataContext root, IndexCondition filter,
      int[] groups, int[] groupings, int[] calls) {
    RowSource rows = source.get();
    RoaringBitmap kept = filter == null ? rows.all() : filter.rows(rows);
    return Linq4j.asEnumerable(ColumnAggregation.aggregate(rows, kept, groups,
        DicomColumnAggregate.Grouping.decode(groupings),
        DicomColumnAggregate.Call.decode(calls)));
  }

  /**
   * Called by generated code for {@link DicomContourAggregate}: as {@link #columnAggregate}, of
   * the points of the contours the condition keeps, grouped by columns of their contours.
   */
  public Enumerable<Object[]> contourAggregate(DataContext root, IndexCondition filter,
      int[] groups, int[] calls) {
    ContourPointRows points = (ContourPointRows) source.get();
    RoaringBitmap kept = filter == null ? points.all() : filter.rows(points);
    return Linq4j.asEnumerable(points.aggregateByContours(kept, groups,
        DicomColumnAggregate.Call.decode(calls)));
  }

  /**
   * Called by generated code for {@link DicomJoinContourAggregate}: as {@link #contourAggregate},
   * of the points joined to {@code one}'s rows on {@code oneKeys = keys}, grouped by
   * {@code groups} of {@code one}, each side's rows those its pushed condition keeps.
   */
  public Enumerable<Object[]> joinContourAggregate(DataContext root, IndexCondition filter,
      DicomTable one, IndexCondition oneFilter, int[] oneKeys, int[] keys, int[] groups,
      int[] calls) {
    ContourPointRows points = (ContourPointRows) source.get();
    RowSource oneRows = one.source();
    return Linq4j.asEnumerable(points.aggregateJoined(
        filter == null ? null : filter.rows(points), oneRows,
        oneFilter == null ? oneRows.all() : oneFilter.rows(oneRows), oneKeys, keys, groups,
        DicomColumnAggregate.Call.decode(calls)));
  }

  /**
   * Called by generated code for {@link DicomJoinCount}: COUNT(*) of this table joined with
   * {@code one} on {@code oneKeys = keys}, grouped by columns of {@code one} and by indexed
   * columns of this table ({@code manyGroups}), each side's rows those its pushed condition
   * keeps; or, where {@code distinct} is a position in {@code manyGroups}, the distinct values
   * of that column per group of the others; see {@link JoinCounting}.
   */
  public Enumerable<Object[]> joinCount(DataContext root, IndexCondition filter, DicomTable one,
      IndexCondition oneFilter, int[] oneKeys, int[] keys, int[] groups, int[] manyGroups,
      boolean oneFirst, int distinct, int counts) {
    RowSource many = source.get();
    RowSource oneRows = one.source();
    return Linq4j.asEnumerable(JoinCounting.count(oneRows,
        oneFilter == null ? oneRows.all() : oneFilter.rows(oneRows), oneKeys, many,
        filter == null ? null : filter.rows(many), keys,
        new JoinCounting.Groups(groups, manyGroups, oneFirst, distinct), counts));
  }

  private static Object firstValue(Iterator<Map.Entry<Object, RoaringBitmap>> values,
      RoaringBitmap kept) {
    while (values.hasNext()) {
      Map.Entry<Object, RoaringBitmap> value = values.next();
      if (RoaringBitmap.intersects(value.getValue(), kept)) {
        return value.getKey();
      }
    }
    return null;
  }

  private static long distinctValues(Iterator<Map.Entry<Object, RoaringBitmap>> values,
      RoaringBitmap kept) {
    long count = 0;
    while (values.hasNext()) {
      if (RoaringBitmap.intersects(values.next().getValue(), kept)) {
        count++;
      }
    }
    return count;
  }

  /**
   * Called by generated code for {@code COUNT(*)}, grouped by one indexed column or not at all:
   * the counts come from the sizes of the index's row sets, no row is decoded. Each output row
   * holds the group's value (when grouped) and the count, {@code counts} times.
   */
  public Enumerable<Object[]> groupCount(DataContext root, IndexCondition filter, int column,
      int counts) {
    RowSource rows = source.get();
    RoaringBitmap selected = filter == null ? rows.all() : filter.rows(rows);
    List<Object[]> result = new ArrayList<>();
    if (column < 0) {
      result.add(countRow(null, rows.count(selected), counts, false));
    } else {
      Iterator<Map.Entry<Object, RoaringBitmap>> groups = rows.valueSets(column, false);
      while (groups.hasNext()) {
        Map.Entry<Object, RoaringBitmap> group = groups.next();
        long count = RoaringBitmap.andCardinality(group.getValue(), selected);
        if (count > 0) {
          result.add(countRow(SqlValues.internal(group.getKey()), count, counts, true));
        }
      }
      long nulls = RoaringBitmap.andCardinality(rows.nulls(column), selected);
      if (nulls > 0) {
        result.add(countRow(null, nulls, counts, true));
      }
    }
    return Linq4j.asEnumerable(result);
  }

  private static Object[] countRow(Object key, long count, int counts, boolean grouped) {
    Object[] row = new Object[counts + (grouped ? 1 : 0)];
    int at = 0;
    if (grouped) {
      row[at++] = key;
    }
    for (int k = 0; k < counts; k++) {
      row[at++] = count;
    }
    return row;
  }

  /**
   * Called by generated code for an index nested-loop join: for each left row, the rows of this
   * table whose indexed column equals the left row's key (and that the pushed condition keeps),
   * each joined row being the left row's values followed by {@code fields} of this table.
   *
   * @param rest what a left row and a row of this table must also satisfy to join, or null
   * @param keepUnmatched whether a left row that joins no row is kept, with nulls for this
   *     table's fields (a left join)
   */
  public Enumerable<Object[]> indexJoin(DataContext root, Enumerable<Object[]> left, int leftKey,
      int column, IndexCondition filter, int[] fields, Predicate2<Object[], Object[]> rest,
      boolean keepUnmatched) {
    RowSource rows = source.get();
    AtomicBoolean cancelled = DataContext.Variable.CANCEL_FLAG.get(root);
    ColumnType type = types.get(column);
    List<Object[]> unmatched = Collections.singletonList(new Object[fields.length]);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        RoaringBitmap kept = filter == null ? null : filter.rows(rows);
        Map<Object, List<Object[]>> matches = new HashMap<>();
        Enumerator<Object[]> outer = left.enumerator();
        return new Enumerator<>() {
          private Object[] leftRow;
          private Iterator<Object[]> inner = Collections.emptyIterator();
          private Object[] current;

          @Override
          public Object[] current() {
            return current;
          }

          @Override
          public boolean moveNext() {
            while (!inner.hasNext()) {
              if (cancelled != null && cancelled.get()) {
                throw new QueryCancelledException();
              }
              if (!outer.moveNext()) {
                return false;
              }
              leftRow = outer.current();
              inner = joined(leftRow).iterator();
            }
            Object[] right = inner.next();
            current = new Object[leftRow.length + right.length];
            System.arraycopy(leftRow, 0, current, 0, leftRow.length);
            System.arraycopy(right, 0, current, leftRow.length, right.length);
            return true;
          }

          /** The rows of this table that a left row joins, or the nulls it keeps. */
          private List<Object[]> joined(Object[] row) {
            Object key = row[leftKey];
            List<Object[]> found = key == null ? List.of()
                : matches.computeIfAbsent(key, k -> lookup(k));
            if (rest != null && !found.isEmpty()) {
              found = found.stream().filter(match -> rest.apply(row, match)).toList();
            }
            return found.isEmpty() && keepUnmatched ? unmatched : found;
          }

          private List<Object[]> lookup(Object key) {
            RoaringBitmap ids = rows.equal(column, SqlValues.engine(key, type));
            if (kept != null) {
              ids.and(kept);
            }
            List<Object[]> found = new ArrayList<>();
            Iterator<Object[]> matched = rows.rows(ids, fields);
            while (matched.hasNext()) {
              Object[] row = matched.next();
              for (int i = 0; i < row.length; i++) {
                row[i] = SqlValues.internal(row[i]);
              }
              found.add(row);
            }
            return found;
          }

          @Override
          public void reset() {
            throw new UnsupportedOperationException("rows cannot be read twice");
          }

          @Override
          public void close() {
            outer.close();
          }
        };
      }
    };
  }

  /** Hands out rows, converted to Calcite's form, until they end or the query is cancelled. */
  private static final class RowEnumerator implements Enumerator<Object[]> {
    private final Iterator<Object[]> rows;
    private final AtomicBoolean cancelled;
    private Object[] current;

    RowEnumerator(Iterator<Object[]> rows, AtomicBoolean cancelled) {
      this.rows = rows;
      this.cancelled = cancelled;
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (cancelled != null && cancelled.get()) {
        throw new QueryCancelledException();
      }
      if (!rows.hasNext()) {
        return false;
      }
      Object[] row = rows.next();
      for (int i = 0; i < row.length; i++) {
        row[i] = SqlValues.internal(row[i]);
      }
      current = row;
      return true;
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("rows cannot be read twice");
    }

    @Override
    public void close() {}
  }

  /** A query stopped because its statement was cancelled. */
  public static final class QueryCancelledException extends RuntimeException {
    public QueryCancelledException() {
      super("the query was cancelled");
    }
  }
}
