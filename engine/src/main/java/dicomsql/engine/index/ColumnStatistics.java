package dicomsql.engine.index;

/**
 * What the index knows of one column's values without reading a row: how many are null, and for
 * an indexed column how many distinct values there are and the least and greatest (in the
 * engine's types); for an INTEGER or BIGINT column the exact sum of its values.
 *
 * @param distinct distinct non-null values, or -1 when the column is not indexed
 * @param min least value, or null when unknown or when every value is null
 * @param max greatest value, likewise
 * @param sum the sum of an INTEGER or BIGINT column's values, else null
 */
public record ColumnStatistics(long nulls, long distinct, Object min, Object max, Long sum) {}
