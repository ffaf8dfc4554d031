package dicomsql.engine.raster;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Summary statistics of the values inside a ROI. The standard deviation is the population one
 * (divides by n, as numpy and PyRadiomics do); percentiles interpolate linearly between the two
 * nearest ranks (numpy's default), so the median of an even count is the mean of the middle
 * two.
 */
public final class IntensityStatistics {
  /** The names {@link #value(String)} accepts. */
  public static final List<String> STATS =
      List.of("mean", "std", "min", "max", "median", "p10", "p90");

  private final float[] values;
  private final double mean;
  private final double std;
  private boolean sorted;

  /** Statistics of these values; the array is kept, and sorted in place when a rank is asked. */
  public IntensityStatistics(float[] values) {
    this.values = values;
    double sum = 0;
    for (float value : values) {
      sum += value;
    }
    this.mean = values.length == 0 ? Double.NaN : sum / values.length;
    double squares = 0;
    for (float value : values) {
      squares += (value - mean) * (value - mean);
    }
    this.std = values.length == 0 ? Double.NaN : Math.sqrt(squares / values.length);
  }

  public int count() {
    return values.length;
  }

  public double mean() {
    return mean;
  }

  /**
   * The named statistic (case-insensitive); NaN when there are no values.
   *
   * @throws IllegalArgumentException when the name is not one of {@link #STATS}
   */
  public double value(String stat) {
    String name = stat.strip().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "mean" -> mean;
      case "std" -> std;
      case "min" -> percentile(0);
      case "max" -> percentile(1);
      case "median" -> percentile(0.5);
      case "p10" -> percentile(0.1);
      case "p90" -> percentile(0.9);
      default -> throw new IllegalArgumentException("stat '" + stat + "' is not one of "
          + String.join(", ", STATS));
    };
  }

  private synchronized double percentile(double fraction) {
    if (values.length == 0) {
      return Double.NaN;
    }
    if (!sorted) {
      Arrays.sort(values);
      sorted = true;
    }
    double rank = fraction * (values.length - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(values.length - 1, below + 1);
    return values[below] + (rank - below) * ((double) values[above] - values[below]);
  }
}
