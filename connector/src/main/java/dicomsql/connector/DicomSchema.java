package dicomsql.connector;

import com.google.common.collect.Multimap;
import dicomsql.connector.functions.DicomFunctions;
import dicomsql.connector.functions.RasterCaches;
import dicomsql.connector.functions.RoiMeasurements;
import dicomsql.connector.rows.AttributeRows;
import dicomsql.connector.rows.ContourPointRows;
import dicomsql.connector.rows.EmptyRows;
import dicomsql.connector.rows.RowSource;
import dicomsql.connector.rows.StoredRows;
import dicomsql.engine.index.Column;
import dicomsql.engine.index.ColumnType;
import dicomsql.engine.index.DicomIndex;
import dicomsql.engine.index.IndexOptions;
import dicomsql.engine.index.IndexUpdate;
import dicomsql.engine.index.TableDefinition;
import dicomsql.engine.index.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The {@code dicom} schema: every table of the SQL contract over one data root. The index is
 * opened (built or refreshed) the first time a query needs a table's rows, not before.
 */
public final class DicomSchema extends AbstractSchema implements AutoCloseable {
  private final Path dataRoot;
  private final IndexOptions options;
  private final boolean pushdown;
  private final Map<String, Table> tables = new LinkedHashMap<>();
  private DicomIndex index;
  private final RasterCaches caches;
  private RoiMeasurements measurements;

  /** A schema whose raster functions keep what they compute in {@code caches}. */
  public DicomSchema(Path dataRoot, IndexOptions options, RasterCaches caches) {
    this(dataRoot, options, true, caches);
  }

  /**
   * A schema whose planner answers sorts and aggregates from the index ({@code pushdown}), or
   * leaves them to Calcite: the same results either way, which is what tests compare.
   */
  public DicomSchema(Path dataRoot, IndexOptions options, boolean pushdown,
      RasterCaches caches) {
    this(dataRoot, options, pushdown, caches, true);
  }

  private DicomSchema(Path dataRoot, IndexOptions options, boolean pushdown,
      RasterCaches caches, boolean withRows) {
    this.dataRoot = dataRoot;
    this.options = options;
    this.pushdown = pushdown;
    this.caches = caches;
    for (TableDefinition definition : Tables.ALL) {
      tables.put(definition.name(), storedTable(definition, withRows));
    }
    tables.put("contour_points", table("contour_points", ContourPointRows.COLUMNS,
        ContourPointRows.TYPES, List.of(new int[] {0, 1, 2, 3}),
        new boolean[ContourPointRows.COLUMNS.size()], withRows,
        () -> new ContourPointRows(index().table(Tables.CONTOURS.name()))));
    tables.put("attributes", table("attributes", AttributeRows.COLUMNS, AttributeRows.TYPES,
        List.of(), new boolean[AttributeRows.COLUMNS.size()], withRows,
        () -> new AttributeRows(index().table(Tables.INSTANCES.name()), index().dataRoot())));
    tables.put("index_status", new IndexStatusTable(this::index));
  }

  /**
   * The same tables and functions, every table without a row, over no data folder: it never
   * opens or writes an index. Planning and running a statement over it loads and compiles
   * what one over a data folder does, which is what the driver's warm-up uses it for.
   */
  public static DicomSchema withoutRows() {
    return new DicomSchema(null, IndexOptions.defaults(), true, new RasterCaches(0), false);
  }

  private DicomTable storedTable(TableDefinition definition, boolean withRows) {
    List<Column> visible = StoredRows.visible(definition);
    List<String> names = new ArrayList<>();
    List<ColumnType> types = new ArrayList<>();
    boolean[] indexed = new boolean[visible.size()];
    for (Column column : visible) {
      indexed[names.size()] = column.indexed();
      names.add(column.name());
      types.add(column.type());
    }
    int[] key = new int[definition.key().size()];
    for (int k = 0; k < key.length; k++) {
      key[k] = definition.indexOf(definition.key().get(k));
    }
    return table(definition.name(), names, types, List.of(key), indexed, withRows,
        () -> new StoredRows(index().table(definition.name())));
  }

  /** A table whose rows come from the index, or none when {@code withRows} is false. */
  private DicomTable table(String name, List<String> names, List<ColumnType> types,
      List<int[]> keys, boolean[] indexed, boolean withRows,
      Supplier<? extends RowSource> fromIndex) {
    EmptyRows empty = new EmptyRows(names, types, indexed);
    return new DicomTable(name, names, types, keys, pushdown, withRows ? fromIndex : () -> empty);
  }

  /** Table, column and position (1-based) of each table's primary key. */
  public static List<String[]> primaryKeys() {
    List<String[]> keys = new ArrayList<>();
    for (TableDefinition definition : Tables.ALL) {
      addKey(keys, definition.name(), definition.key());
    }
    addKey(keys, "contour_points", List.of("rtss_uid", "roi_number", "contour_index",
        "point_index"));
    addKey(keys, "attributes", List.of("path", "tag_path"));
    return keys;
  }

  private static void addKey(List<String[]> keys, String table, List<String> columns) {
    for (int k = 0; k < columns.size(); k++) {
      keys.add(new String[] {table, columns.get(k), Integer.toString(k + 1)});
    }
  }

  /** Every column name of every table, for suggestions when a name is misspelt. */
  public Set<String> columnNames() {
    Set<String> names = new TreeSet<>();
    for (Table table : tables.values()) {
      names.addAll(table instanceof DicomTable dicom ? dicom.columnNames()
          : IndexStatusTable.COLUMNS);
    }
    return names;
  }

  /** The index, opened on first use. */
  synchronized DicomIndex index() {
    if (dataRoot == null) {
      throw new IllegalStateException("a schema without rows has no index");
    }
    if (index == null) {
      try {
        index = DicomIndex.open(dataRoot, options);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return index;
  }

  /** What opening the index did, or null while it is not open yet. */
  public synchronized IndexUpdate indexUpdate() {
    return index == null ? null : index.update();
  }

  /** Whether a newer version of the open index has been written since it was opened. */
  public synchronized boolean indexSuperseded() {
    return index != null && !index.isNewest();
  }

  /** The connection's ROI masks and statistics, kept in its raster caches. */
  public synchronized RoiMeasurements measurements() {
    if (measurements == null) {
      measurements = new RoiMeasurements(index(), caches);
    }
    return measurements;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  /** The functions of the SQL contract, found like any name: case-insensitive unquoted. */
  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    return DicomFunctions.byName();
  }

  @Override
  public synchronized void close() {
    measurements = null;
    if (index != null) {
      index.close();
      index = null;
    }
  }
}
