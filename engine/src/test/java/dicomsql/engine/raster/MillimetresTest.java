package dicomsql.engine.raster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MillimetresTest {
  @Test
  void ordinaryPositionsHaveTwoDecimals() {
    assertThat(Millimetres.format(900)).isEqualTo("900.00");
    assertThat(Millimetres.format(-12.345)).isEqualTo("-12.35");
    assertThat(Millimetres.format(999_999.994)).isEqualTo("999999.99");
  }

  @Test
  void hugeCoordinatesOfDamagedFilesAreShortNotThreeHundredDigits() {
    assertThat(Millimetres.format(1e300)).isEqualTo("1.00e+300");
    assertThat(Millimetres.format(-2.5e7)).isEqualTo("-2.50e+07");
  }

  @Test
  void nonFiniteValuesAreNamed() {
    assertThat(Millimetres.format(Double.NaN)).isEqualTo("NaN");
    assertThat(Millimetres.format(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
  }
}
