package dicomsql.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A read of one table, planned on the driver: the data root is walked, and a file-level table
 * becomes file lists for the executors (only the files a condition on {@code path} leaves),
 * a derived or measured table the rows of its distributed job, in slices.
 */
final class DicomScan implements Scan, Batch {
  private final ContractTable table;
  private final DicomOptions options;
  private final SparkValues values;
  private final int[] wanted;
  private final List<Condition> conditions;

  DicomScan(ContractTable table, DicomOptions options, SparkValues values, int[] wanted,
      List<Condition> conditions) {
    this.table = table;
    this.options = options;
    this.values = values;
    this.wanted = wanted;
    this.conditions = List.copyOf(conditions);
  }

  @Override
  public StructType readSchema() {
    StructType all = values.schema(table);
    StructField[] fields = new StructField[wanted.length];
    for (int k = 0; k < wanted.length; k++) {
      fields[k] = all.fields()[wanted[k]];
    }
    return new StructType(fields);
  }

  @Override
  public String description() {
    return "dicom " + table.tableName() + " " + options.root() + conditions.stream()
        .map(condition -> condition.describe(table))
        .collect(Collectors.joining(" AND ", conditions.isEmpty() ? "" : " WHERE ", ""));
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    SparkSession spark = SparkSession.active();
    int parallelism = spark.sparkContext().defaultParallelism();
    FileListing listing = Listings.of(spark, options);
    if (table.source() != ContractTable.Source.FILES) {
      List<Object[]> all = table.source() == ContractTable.Source.DERIVED
          ? DerivedCache.get(spark, options, listing).rows(table)
          : DerivedCache.measurements(spark, options, listing);
      List<Object[]> rows = all.stream()
          .filter(row -> Condition.all(conditions, table, row, table.columns().size()))
          .toList();
      List<InputPartition> slices = new ArrayList<>();
      int parts = Math.max(1, Math.min(parallelism, rows.size()));
      for (int k = 0; k < parts; k++) {
        int from = (int) ((long) rows.size() * k / parts);
        int to = (int) ((long) rows.size() * (k + 1) / parts);
        slices.add(new RowsPartition(table, values,
            new ArrayList<>(rows.subList(from, to)), wanted));
      }
      return slices.toArray(new InputPartition[0]);
    }
    int path = table.indexOf("path");
    List<FileEntry> files = listing.where(file -> conditions.stream()
        .allMatch(c -> c.column() != path || c.accepts(file)));
    Map<String, String> copies = needsCopies()
        ? DerivedCache.get(spark, options, listing).copies() : null;
    List<List<FileEntry>> lists = FileListing.split(files,
        options.partitionsFor(files.size(), parallelism));
    List<InputPartition> partitions = new ArrayList<>();
    for (List<FileEntry> list : lists) {
      Map<String, String> theirs = copies == null ? null : list.stream()
          .filter(file -> copies.containsKey(file.path()))
          .collect(Collectors.toMap(FileEntry::path, file -> copies.get(file.path())));
      partitions.add(new FilePartition(options.root(), table, values, list, wanted, conditions,
          theirs));
    }
    return partitions.toArray(new InputPartition[0]);
  }

  /**
   * Whether reading the table needs to know which files are copies: contours come only from
   * instances, and {@code duplicate_of} names the instance.
   */
  private boolean needsCopies() {
    if (table == ContractTable.CONTOURS || table == ContractTable.CONTOUR_POINTS) {
      return true;
    }
    int duplicateOf = table.indexOf("duplicate_of");
    if (duplicateOf < 0) {
      return false;
    }
    for (int column : wanted) {
      if (column == duplicateOf) {
        return true;
      }
    }
    return conditions.stream().anyMatch(c -> c.column() == duplicateOf);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new DicomReaderFactory();
  }
}
