package dicomsql.spark;

import java.nio.file.Path;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/** Reads a partition on an executor: files one at a time, or rows already derived. */
final class DicomReaderFactory implements PartitionReaderFactory {
  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    if (partition instanceof RowsPartition rows) {
      return new RowsReader(rows.table(), rows.values(), rows.wanted(), rows.rows().iterator());
    }
    FilePartition files = (FilePartition) partition;
    Path root = Path.of(files.root());
    Iterator<Object[]> rows = files.files().stream()
        .flatMap(file -> FileRows.rows(files.table(), root, file, files.copies(),
            files.conditions()).stream())
        .iterator();
    return new RowsReader(files.table(), files.values(), files.wanted(), rows);
  }

  /** Engine rows of a table handed to Spark as internal rows of the wanted columns. */
  private static final class RowsReader implements PartitionReader<InternalRow> {
    private final ContractTable table;
    private final SparkValues values;
    private final int[] wanted;
    private final Iterator<Object[]> rows;
    private InternalRow current;

    RowsReader(ContractTable table, SparkValues values, int[] wanted, Iterator<Object[]> rows) {
      this.table = table;
      this.values = values;
      this.wanted = wanted;
      this.rows = rows;
    }

    @Override
    public boolean next() {
      if (!rows.hasNext()) {
        return false;
      }
      current = values.row(table, wanted, rows.next());
      return true;
    }

    @Override
    public InternalRow get() {
      return current;
    }

    @Override
    public void close() {}
  }
}
