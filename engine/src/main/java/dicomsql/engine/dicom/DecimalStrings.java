package dicomsql.engine.dicom;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as DS and IS text: the shortest form that round-trips, within 16 characters. */
public final class DecimalStrings {
  private static final int DS_MAX = 16;
  /** Digits that always make an integer a double holds exactly (below 2^53). */
  private static final int EXACT_DIGITS = 15;
  /** The powers of ten up to 10^15, each a double exactly. */
  private static final double[] POWERS_OF_TEN = new double[EXACT_DIGITS + 1];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int k = 1; k <= EXACT_DIGITS; k++) {
      POWERS_OF_TEN[k] = POWERS_OF_TEN[k - 1] * 10;
    }
  }

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
    double plain = parsePlain(text);
    if (!Double.isNaN(plain)) {
      return plain;
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

  /**
   * A value of at most {@value #EXACT_DIGITS} digits, an optional sign and point and no
   * exponent (as nearly every DS is written), or NaN for any other. Its digits make an exact
   * integer and the point a division by an exact power of ten, and one correctly rounded
   * division gives what {@link Double#parseDouble} gives (Clinger's fast path), without its
   * general machinery, which was a tenth of an index build's reading.
   */
  private static double parsePlain(String text) {
    int i = 0;
    boolean negative = false;
    char first = text.charAt(0);
    if (first == '-' || first == '+') {
      negative = first == '-';
      i++;
    }
    long digits = 0;
    int count = 0;
    int decimals = -1;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++count > EXACT_DIGITS) {
          return Double.NaN;
        }
        digits = digits * 10 + (c - '0');
        if (decimals >= 0) {
          decimals++;
        }
      } else if (c == '.' && decimals < 0) {
        decimals = 0;
      } else {
        return Double.NaN;
      }
    }
    if (count == 0) {
      return Double.NaN;
    }
    double value = decimals > 0 ? digits / POWERS_OF_TEN[decimals] : digits;
    return negative ? -value : value;
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
