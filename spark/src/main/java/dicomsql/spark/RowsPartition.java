package dicomsql.spark;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/** One task of a derived table: its share of the rows the derivation job made. */
record RowsPartition(ContractTable table, SparkValues values, List<Object[]> rows,
    int[] wanted)
    implements InputPartition {}
