package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueParsingTest {
  @Test
  void parsesDatesInTheStandardAndTheAcrNemaForm() {
    assertThat(DateTimeValues.parseDate("19490101")).isEqualTo(LocalDate.of(1949, 1, 1));
    assertThat(DateTimeValues.parseDate("2001.02.28")).isEqualTo(LocalDate.of(2001, 2, 28));
    assertThat(DateTimeValues.parseDate("20010229")).isNull();
    assertThat(DateTimeValues.parseDate("00000000")).isNull();
    assertThat(DateTimeValues.parseDate("2001-02-28")).isNull();
    assertThat(DateTimeValues.parseDate("")).isNull();
  }

  @Test
  void parsesTimesWithAnyPrecision() {
    assertThat(DateTimeValues.parseTime("07")).isEqualTo(LocalTime.of(7, 0));
    assertThat(DateTimeValues.parseTime("0715")).isEqualTo(LocalTime.of(7, 15));
    assertThat(DateTimeValues.parseTime("071503.25"))
        .isEqualTo(LocalTime.of(7, 15, 3, 250_000_000));
    assertThat(DateTimeValues.parseTime("07:15:03")).isEqualTo(LocalTime.of(7, 15, 3));
    assertThat(DateTimeValues.parseTime("235960")).isEqualTo(LocalTime.of(23, 59, 59));
    assertThat(DateTimeValues.parseTime("071503.")).isEqualTo(LocalTime.of(7, 15, 3));
    assertThat(DateTimeValues.parseTime("2500")).isNull();
    assertThat(DateTimeValues.parseTime("7")).isNull();
    assertThat(DateTimeValues.parseTime("ab")).isNull();
  }

  @Test
  void parsesDateTimesAndDropsTheOffset() {
    assertThat(DateTimeValues.parseDateTime("20190101093000.5+0100"))
        .isEqualTo(LocalDateTime.of(2019, 1, 1, 9, 30, 0, 500_000_000));
    assertThat(DateTimeValues.parseDateTime("2019")).isEqualTo(LocalDateTime.of(2019, 1, 1, 0, 0));
    assertThat(DateTimeValues.parseDateTime("201913")).isNull();
  }

  @Test
  void formatsDecimalStringsWithinSixteenCharacters() {
    assertThat(DecimalStrings.format(5)).isEqualTo("5");
    assertThat(DecimalStrings.format(-1024)).isEqualTo("-1024");
    assertThat(DecimalStrings.format(0.703125)).isEqualTo("0.703125");
    assertThat(DecimalStrings.format(1e-7)).isEqualTo("0.0000001");
    String third = DecimalStrings.format(1.0 / 3);
    assertThat(third).hasSizeLessThanOrEqualTo(16);
    assertThat(Double.parseDouble(third))
        .isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-14));
    assertThat(DecimalStrings.format(-123456.78901234567)).hasSizeLessThanOrEqualTo(16);
    assertThat(DecimalStrings.format(1.5e300)).hasSizeLessThanOrEqualTo(16);
  }

  @Test
  void parsesPlainDecimalsToTheSameDoubleAsJava() {
    Random random = new Random(11);
    for (int n = 0; n < 200_000; n++) {
      int digits = 1 + random.nextInt(17);
      StringBuilder text = new StringBuilder(random.nextInt(4) == 0 ? "-" : "");
      int point = random.nextInt(digits + 2) - 1;
      for (int d = 0; d < digits; d++) {
        if (d == point) {
          text.append('.');
        }
        text.append((char) ('0' + random.nextInt(10)));
      }
      if (point == digits) {
        text.append('.');
      }
      String written = text.toString();
      assertThat(Double.doubleToRawLongBits(DecimalStrings.parseDecimal(written)))
          .as(written).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(written)));
    }
    for (String written : new String[] {"-0", "-0.0", "+.5", "5.", "0.1", "999999999999999",
        "0.000000000000001", "123456789012345.6", "-0.3"}) {
      assertThat(Double.doubleToRawLongBits(DecimalStrings.parseDecimal(written)))
          .as(written).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(written)));
    }
    assertThat(DecimalStrings.parseDecimal(".")).isNull();
    assertThat(DecimalStrings.parseDecimal("-")).isNull();
    assertThat(DecimalStrings.parseDecimal("1.2.3")).isNull();
    assertThat(DecimalStrings.parseDecimal("1-2")).isNull();
  }

  @Test
  void joinsTheValuesOfATextValueAsSplittingAndJoiningThemWould() {
    Random random = new Random(3);
    char[] alphabet = {' ', '\0', '\\', 'a', '1'};
    for (VR vr : new VR[] {VR.CS, VR.DS, VR.LO, VR.ST, VR.UT}) {
      for (int n = 0; n < 20_000; n++) {
        StringBuilder whole = new StringBuilder();
        for (int k = random.nextInt(9); k > 0; k--) {
          whole.append(alphabet[random.nextInt(alphabet.length)]);
        }
        String[] values = TextValues.split(whole.toString(), vr);
        assertThat(TextValues.joined(whole.toString(), vr)).as("%s '%s'", vr, whole)
            .isEqualTo(values.length == 0 ? null : String.join("\\", values));
      }
    }
  }

  @Test
  void parsesDecimalAndIntegerStringsForgivingOnlyWhatIsANumber() {
    assertThat(DecimalStrings.parseDecimal("-1.5e2")).isEqualTo(-150.0);
    assertThat(DecimalStrings.parseDecimal("+3")).isEqualTo(3.0);
    assertThat(DecimalStrings.parseDecimal("NaN")).isNull();
    assertThat(DecimalStrings.parseDecimal("0x10")).isNull();
    assertThat(DecimalStrings.parseDecimal("1,5")).isNull();
    assertThat(DecimalStrings.parseDecimal("1d")).isNull();
    assertThat(DecimalStrings.parseInteger("12")).isEqualTo(12);
    assertThat(DecimalStrings.parseInteger("12.0")).isEqualTo(12);
    assertThat(DecimalStrings.parseInteger("12.5")).isNull();
  }

  @Test
  void trimsPaddingPerVr() {
    assertThat(TextValues.split(" A\\B \\\\C", VR.CS)).containsExactly("A", "B", "", "C");
    assertThat(TextValues.split("1.2.3\0", VR.UI)).containsExactly("1.2.3");
    assertThat(TextValues.split("  indented text  ", VR.LT)).containsExactly("  indented text");
    assertThat(TextValues.split("a\\b", VR.LT)).containsExactly("a\\b");
    assertThat(TextValues.split("", VR.LO)).isEmpty();
    assertThat(TextValues.split("   ", VR.LO)).isEmpty();
  }
}
