package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesAccumulatorTest {
  private static final TableDefinition I = Tables.INSTANCES;
  private static final TableDefinition S = Tables.SERIES;
  private static final String AXIAL = "1\\0\\0\\0\\1\\0";

  private static Object[] instance(int number, String orientation, double z) {
    Object[] row = new Object[I.width()];
    row[I.indexOf("instance_number")] = number;
    row[I.indexOf("orientation")] = orientation;
    row[I.indexOf("position_x")] = 0.0;
    row[I.indexOf("position_y")] = 0.0;
    row[I.indexOf("position_z")] = z;
    return row;
  }

  @Test
  void slicesAlongTheNormalGiveTheSpacing() {
    SeriesAccumulator series = new SeriesAccumulator();
    for (int k = 0; k < 4; k++) {
      series.add(instance(k + 1, AXIAL, 2.5 * k));
    }
    assertThat(series.row()[S.indexOf("slice_spacing")]).isEqualTo(2.5);
  }

  @Test
  void anOrientationUnlikeTheOthersIsSeenWhateverOrderTheFilesComeIn() {
    SeriesAccumulator series = new SeriesAccumulator();
    series.add(instance(2, AXIAL, 2.5));
    series.add(instance(3, AXIAL, 5));
    // The lowest instance number, read last, is a localizer of another orientation.
    series.add(instance(1, "1\\0\\0\\0\\0\\-1", 0));
    assertThat(series.row()[S.indexOf("slice_spacing")]).isNull();
  }
}
