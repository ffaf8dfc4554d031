package dicomsql.engine.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** First-order features of small samples, worked out by hand. */
class FirstOrderFeaturesTest {
  @Test
  void momentsPercentilesAndDeviationsOfASmallSample() {
    // 1, 2, 3, 4, 10: mean 4, deviations -3 -2 -1 0 6
    FirstOrderFeatures f = FirstOrderFeatures.of(new float[] {10, 3, 1, 4, 2}, 25);
    assertThat(f.mean()).isEqualTo(4);
    assertThat(f.variance()).isCloseTo(50.0 / 5, within(1e-12));
    // m3 = (-27 - 8 - 1 + 0 + 216) / 5 = 36; m4 = (81 + 16 + 1 + 0 + 1296) / 5 = 278.8
    assertThat(f.skewness()).isCloseTo(36 / Math.pow(10, 1.5), within(1e-12));
    assertThat(f.kurtosis()).isCloseTo(278.8 / 100 - 3, within(1e-12));
    assertThat(f.median()).isEqualTo(3);
    // rank 0.1 x 4 = 0.4: 1 + 0.4 x (2 - 1); rank 3.6: 4 + 0.6 x 6
    assertThat(f.p10()).isCloseTo(1.4, within(1e-12));
    assertThat(f.p90()).isCloseTo(7.6, within(1e-12));
    assertThat(f.interquartileRange()).isEqualTo(4 - 2);
    assertThat(f.meanAbsoluteDeviation()).isCloseTo(12.0 / 5, within(1e-12));
    // between 1.4 and 7.6: 2, 3, 4; mean 3; deviations 1 0 1
    assertThat(f.robustMeanAbsoluteDeviation()).isCloseTo(2.0 / 3, within(1e-12));
    // |x - 3|: 2 1 0 1 7
    assertThat(f.medianAbsoluteDeviation()).isCloseTo(11.0 / 5, within(1e-12));
    assertThat(f.energy()).isEqualTo(1 + 4 + 9 + 16 + 100);
    assertThat(f.rootMeanSquare()).isCloseTo(Math.sqrt(130.0 / 5), within(1e-12));
  }

  @Test
  void entropyAndUniformityCountFixedWidthBinsFromTheMinimum() {
    // width 10 from -5: bins [-5, 5) holds -5, 0, 4.9; [5, 15) holds 5; [25, 35) holds 30
    FirstOrderFeatures f = FirstOrderFeatures.of(new float[] {-5, 0, 4.9f, 5, 30}, 10);
    double p1 = 3 / 5.0;
    double p2 = 1 / 5.0;
    assertThat(f.entropy()).isCloseTo(-(p1 * log2(p1) + 2 * p2 * log2(p2)), within(1e-12));
    assertThat(f.uniformity()).isCloseTo(p1 * p1 + 2 * p2 * p2, within(1e-12));
    assertThat(FirstOrderFeatures.of(new float[] {7, 7, 7}, 25).entropy()).isZero();
    assertThat(FirstOrderFeatures.of(new float[0], 25)).isNull();
  }

  private static double log2(double p) {
    return Math.log(p) / Math.log(2);
  }
}
