package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding only some columns skips the others and gives the same values as a full decode. */
class RowCodecTest {
  @Test
  void eachColumnDecodedAloneEqualsTheFullRow() {
    TableDefinition table = new TableDefinition("mixed", List.of(
        Column.plain("text", ColumnType.VARCHAR),
        Column.plain("count", ColumnType.INTEGER),
        Column.plain("missing", ColumnType.VARCHAR),
        Column.plain("big", ColumnType.BIGINT),
        Column.plain("day", ColumnType.DATE),
        Column.plain("time", ColumnType.TIME),
        Column.plain("value", ColumnType.DOUBLE),
        Column.hidden("points", ColumnType.DOUBLES),
        Column.plain("last", ColumnType.VARCHAR)), List.of("text"));
    RowCodec codec = new RowCodec(table);
    Object[] row = {"päth/ünïcode", -300, null, 1L << 40, LocalDate.of(1969, 7, 20),
        LocalTime.of(23, 59, 1, 123_000), -2.5, new double[] {1, 2, 3}, "end"};
    byte[] bytes = codec.encode(row);
    for (int column = 0; column < row.length; column++) {
      boolean[] wanted = new boolean[row.length];
      wanted[column] = true;
      Object[] decoded = codec.decode(bytes, wanted, row.length);
      for (int other = 0; other < row.length; other++) {
        assertThat(decoded[other]).as(column + " wanted, " + other)
            .isEqualTo(other == column ? row[column] : null);
      }
    }
    assertThat(codec.decode(bytes)).containsExactly(row);
  }

  @Test
  void textOfAnyLengthAndRepertoireComesBackAsItWas() {
    TableDefinition table = new TableDefinition("texts", List.of(
        Column.plain("a", ColumnType.VARCHAR), Column.plain("b", ColumnType.VARCHAR),
        Column.plain("c", ColumnType.VARCHAR), Column.plain("d", ColumnType.VARCHAR)),
        List.of("a"));
    RowCodec codec = new RowCodec(table);
    Object[] row = {"1.2.840.".repeat(400), "\u007f\u0080 \u00ff", "\ud83d\ude00 王^小東", ""};
    assertThat(codec.decode(codec.encode(row))).containsExactly(row);
  }
}
