package dicomsql.spark;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One executor task of a file-level table: a list of files planned on the driver, the columns
 * wanted, the conditions the reader applies, and which of these files are copies of another
 * file's instance (null when the table does not need to know).
 */
record FilePartition(String root, ContractTable table, SparkValues values,
    List<FileEntry> files, int[] wanted, List<Condition> conditions, Map<String, String> copies) implements InputPartition {}
