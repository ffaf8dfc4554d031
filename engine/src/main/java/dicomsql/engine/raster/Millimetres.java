package dicomsql.engine.raster;

import java.util.Locale;

/**
 * Positions and distances as messages show them: two decimals, or three significant digits
 * where two decimals would be a long row of digits (a coordinate of 1e300 in a damaged file).
 */
final class Millimetres {
  private static final double PLAIN_LIMIT = 1e6;

  private Millimetres() {}

  /** "12.35", "-0.50", "1.00e+300", "NaN". */
  static String format(double mm) {
    if (Double.isFinite(mm) && Math.abs(mm) >= PLAIN_LIMIT) {
      return String.format(Locale.ROOT, "%.2e", mm);
    }
    return String.format(Locale.ROOT, "%.2f", mm);
  }
}
