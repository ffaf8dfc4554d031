package dicomsql.engine.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Expected values are numpy's: mean, std (ddof 0), percentile (linear), on the same data. */
class IntensityStatisticsTest {
  @Test
  void oneToTen() {
    IntensityStatistics stats = new IntensityStatistics(
        new float[] {10, 3, 1, 2, 9, 4, 5, 8, 7, 6});
    assertThat(stats.count()).isEqualTo(10);
    assertThat(stats.value("mean")).isEqualTo(5.5);
    assertThat(stats.value("std")).isCloseTo(2.8722813232690143, within(1e-12));
    assertThat(stats.value("min")).isEqualTo(1);
    assertThat(stats.value("max")).isEqualTo(10);
    assertThat(stats.value("median")).isEqualTo(5.5);
    assertThat(stats.value("p10")).isCloseTo(1.9, within(1e-12));
    assertThat(stats.value("P90")).isCloseTo(9.1, within(1e-12));
  }

  @Test
  void oddCountAndOneValue() {
    assertThat(new IntensityStatistics(new float[] {-50, 30, 0}).value("median")).isZero();
    IntensityStatistics one = new IntensityStatistics(new float[] {42});
    assertThat(one.value("std")).isZero();
    assertThat(one.value("p10")).isEqualTo(42);
  }

  @Test
  void noValuesGiveNaN() {
    IntensityStatistics none = new IntensityStatistics(new float[0]);
    for (String stat : IntensityStatistics.STATS) {
      assertThat(none.value(stat)).as(stat).isNaN();
    }
  }

  @Test
  void unknownStatNamesTheKnownOnes() {
    assertThatThrownBy(() -> new IntensityStatistics(new float[] {1}).value("avg"))
        .hasMessage("stat 'avg' is not one of mean, std, min, max, median, p10, p90");
  }
}
