package dicomsql.engine.features;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Intensity features of the voxels inside a ROI as IBSI 1 defines them: the intensity-based
 * statistics of chapter 3.3 on the values themselves (moments with population denominators,
 * percentiles interpolated linearly between order statistics, as numpy's default), and the
 * histogram entropy and uniformity of chapter 3.4 after discretization with a fixed bin width
 * (bin = floor((x − min) / width) + 1, the ROI's own minimum as the lower bound).
 *
 * @param energy Σ x²
 * @param robustMeanAbsoluteDeviation the mean distance from their mean of the values between
 *     the 10th and 90th percentiles, both included
 * @param entropy −Σ p log2 p over the histogram's bins
 */
public record FirstOrderFeatures(long count, double mean, double variance, double skewness,
    double kurtosis, double median, double minimum, double p10, double p25, double p75,
    double p90, double maximum, double interquartileRange, double meanAbsoluteDeviation,
    double robustMeanAbsoluteDeviation, double medianAbsoluteDeviation, double energy,
    double rootMeanSquare, double binWidth, double entropy, double uniformity) {

  /** The bin width of the histogram features, in the values' unit (HU for CT). */
  public static final double BIN_WIDTH = 25;

  /** The names of the features, as the SQL columns show them, in record order. */
  public static final List<String> NAMES = List.of("voxel_count", "mean", "variance",
      "skewness", "kurtosis", "median", "minimum", "p10", "p25", "p75", "p90", "maximum",
      "iqr", "mean_abs_dev", "robust_mean_abs_dev", "median_abs_dev", "energy", "rms",
      "bin_width", "entropy", "uniformity");

  /** The features of the values; null when there are none. */
  public static FirstOrderFeatures of(float[] voxels, double binWidth) {
    int n = voxels.length;
    if (n == 0) {
      return null;
    }
    double[] x = new double[n];
    for (int v = 0; v < n; v++) {
      x[v] = voxels[v];
    }
    Arrays.sort(x);
    double mean = 0;
    double energy = 0;
    for (double value : x) {
      mean += value / n;
      energy += value * value;
    }
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    double absolute = 0;
    for (double value : x) {
      double d = value - mean;
      m2 += d * d / n;
      m3 += d * d * d / n;
      m4 += d * d * d * d / n;
      absolute += Math.abs(d) / n;
    }
    double p10 = percentile(x, 0.10);
    double p90 = percentile(x, 0.90);
    double median = percentile(x, 0.5);
    double[] deviations = new double[n];
    for (int v = 0; v < n; v++) {
      deviations[v] = Math.abs(x[v] - median);
    }
    return new FirstOrderFeatures(n, mean, m2, m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0,
        m2 > 0 ? m4 / (m2 * m2) - 3 : 0, median, x[0], p10, percentile(x, 0.25),
        percentile(x, 0.75), p90, x[n - 1], percentile(x, 0.75) - percentile(x, 0.25),
        absolute, robustMeanAbsoluteDeviation(x, p10, p90), mean(deviations), energy,
        Math.sqrt(energy / n), binWidth, histogram(x, binWidth, true),
        histogram(x, binWidth, false));
  }

  /** The features in {@link #NAMES} order. */
  public Object[] values() {
    return new Object[] {count, mean, variance, skewness, kurtosis, median, minimum, p10, p25,
        p75, p90, maximum, interquartileRange, meanAbsoluteDeviation,
        robustMeanAbsoluteDeviation, medianAbsoluteDeviation, energy, rootMeanSquare,
        binWidth, entropy, uniformity};
  }

  /** Linear interpolation between the order statistics around rank fraction × (n − 1). */
  static double percentile(double[] sorted, double fraction) {
    double rank = fraction * (sorted.length - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }

  private static double robustMeanAbsoluteDeviation(double[] sorted, double p10, double p90) {
    double sum = 0;
    int count = 0;
    for (double value : sorted) {
      if (value >= p10 && value <= p90) {
        sum += value;
        count++;
      }
    }
    double mean = sum / count;
    double deviation = 0;
    for (double value : sorted) {
      if (value >= p10 && value <= p90) {
        deviation += Math.abs(value - mean);
      }
    }
    return deviation / count;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  /** Entropy (log2) or uniformity of the fixed-bin-width histogram. */
  private static double histogram(double[] sorted, double width, boolean entropy) {
    Map<Long, Integer> bins = new HashMap<>();
    for (double value : sorted) {
      bins.merge((long) Math.floor((value - sorted[0]) / width) + 1, 1, Integer::sum);
    }
    double result = 0;
    for (int count : bins.values()) {
      double p = (double) count / sorted.length;
      result += entropy ? -p * Math.log(p) / Math.log(2) : p * p;
    }
    return result;
  }
}
