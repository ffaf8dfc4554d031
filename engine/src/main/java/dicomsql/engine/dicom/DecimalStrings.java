package dicomsql.engine.dicom;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as DS and IS text: the shortest form that round-trips, within 16 characters. */
public final class DecimalStrings {
  private static final int DS_MAX = 16;

  private DecimalStrings() {}

  public static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("DS cannot hold " + value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    for (int precision = exact.precision(); precision > 0; precision--) {
      BigDecimal rounded = exact.round(new MathContext(precision)).stripTrailingZeros();
      String plain = rounded.toPlainString();
      if (plain.length() <= DS_MAX) {
        return plain;
      }
      String scientific = rounded.toString();
      if (scientific.length() <= DS_MAX) {
        return scientific;
      }
    }
    return "0";
  }

  /** The number a reader gets back after {@code value} is written as DS. */
  public static double asWritten(double value) {
    return parseDecimal(format(value));
  }

  /** A DS value as a number, or null when it is not one (NaN, hex and Java suffixes refused). */
  public static Double parseDecimal(String text) {
    if (text.isEmpty()) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return null;
      }
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** An IS value (or an integral DS) as an int, or null when it is not one. */
  static Integer parseInteger(String text) {
    Double number = parseDecimal(text);
    if (number == null || number != Math.rint(number) || Math.abs(number) > Integer.MAX_VALUE) {
      return null;
    }
    return number.intValue();
  }
}
