package dicomsql.connector.rows;

import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.ElementListing;
import dicomsql.engine.dicom.PathText;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.index.ColumnType;
import dicomsql.engine.index.IndexTable;
import dicomsql.engine.index.TableDefinition;
import dicomsql.engine.index.Tables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The {@code attributes} table: every data element of every instance, nested ones included,
 * read from the files when a query asks. Filters on the path, SOP Instance UID and series are
 * answered by the instances' index, so that a query for one series opens only its files; the
 * row ids here are those of table. Files are read one at a time as rows are consumed.
 */
public final class AttributeRows extends IndexedRows {
  /** The tag_path of the row that says a file could not be read to its end. */
  static final String ERROR_PATH = "(error)";
  public static final List<String> COLUMNS = List.of("path", "sop_uid", "series_uid", "tag",
      "tag_path", "keyword", "vr", "value");
  public static final List<ColumnType> TYPES = List.of(ColumnType.VARCHAR, ColumnType.VARCHAR,
      ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.VARCHAR,
      ColumnType.VARCHAR, ColumnType.VARCHAR);
  /** Guess of elements per instance, for the planner. */
  private static final int ELEMENTS_PER_FILE = 100;
  private static final TableDefinition I = Tables.INSTANCES;
  /** The instance column behind each of the first three columns. */
  private static final int[] INSTANCE_COLUMN = {I.indexOf("path"), I.indexOf("sop_uid"),
      I.indexOf("series_uid")};

  private final Path dataRoot;

  public AttributeRows(IndexTable instances, Path dataRoot) {
    super(instances, new int[] {INSTANCE_COLUMN[0], INSTANCE_COLUMN[1], INSTANCE_COLUMN[2], -1,
        -1, -1, -1, -1});
    this.dataRoot = dataRoot;
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  @Override
  public boolean idsAreRows() {
    return false;
  }

  @Override
  public ColumnType type(int column) {
    return TYPES.get(column);
  }

  @Override
  public double rowCount() {
    return (double) table.size() * ELEMENTS_PER_FILE;
  }

  @Override
  public Iterator<Object[]> rows(RoaringBitmap ids, int[] wanted) {
    IntIterator id = ids.getIntIterator();
    int width = INSTANCE_COLUMN[2] + 1;
    return new Iterator<>() {
      private final Deque<Object[]> pending = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (pending.isEmpty()) {
          if (!id.hasNext()) {
            return false;
          }
          Object[] instance = table.row(id.next(), width);
          if (instance != null) {
            read(instance);
          }
        }
        return true;
      }

      private void read(Object[] instance) {
        String path = (String) instance[INSTANCE_COLUMN[0]];
        Object[] file = {path, instance[INSTANCE_COLUMN[1]], instance[INSTANCE_COLUMN[2]]};
        try {
          ElementListing.list(PathText.resolve(dataRoot, path), row -> {
            add(file, Tag.toHex(row.tag()), row.tagPath(), row.keyword(),
                row.vr() == null ? null : row.vr().name(), row.value());
            return true;
          });
        } catch (DicomException e) {
          failed(file, e.detail());
        } catch (IOException e) {
          failed(file, "cannot read: " + e.getMessage());
        }
      }

      /**
       * A file that cannot be read to its end keeps the elements read before the problem and
       * gets one more row saying what and where, so that one damaged file among many does not
       * end the query.
       */
      private void failed(Object[] file, String problem) {
        add(file, null, ERROR_PATH, null, null, problem);
      }

      private void add(Object[] file, String tag, String tagPath, String keyword, String vr,
          String value) {
        Object[] all = {file[0], file[1], file[2], tag, tagPath, keyword, vr, value};
        Object[] out = new Object[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
          out[i] = all[wanted[i]];
        }
        pending.add(out);
      }

      @Override
      public Object[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.poll();
      }
    };
  }
}
