package dicomsql.engine.index;

/**
 * The type of a column's values as the index hands them out: {@code String}, {@code Integer},
 * {@code Long}, {@code Double}, {@code LocalDate}, {@code LocalTime}, or {@code double[]} for the
 * packed points of a contour (never shown as a column).
 */
public enum ColumnType {
  VARCHAR,
  INTEGER,
  BIGINT,
  DOUBLE,
  DATE,
  TIME,
  DOUBLES
}
