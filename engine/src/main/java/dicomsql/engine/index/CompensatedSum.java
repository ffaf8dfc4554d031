package dicomsql.engine.index;

/**
 * A sum of doubles with the rounding error of each addition kept aside and added back at the
 * end (Neumaier's variant of Kahan summation): its error is about one rounding of the result,
 * where a sum in row order can lose up to one rounding per value added, and but for values
 * that all but cancel out it does not grow with how many there are. A sum that overflows or
 * meets a NaN ends as the plain sum does.
 */
public final class CompensatedSum {
  private double sum;
  private double compensation;

  public void add(double value) {
    double total = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? (sum - total) + value
        : (value - total) + sum;
    sum = total;
  }

  /** Adds another sum, both its parts. */
  public void add(double otherSum, double otherCompensation) {
    add(otherSum);
    compensation += otherCompensation;
  }

  /** The sum as last rounded, without the error kept aside. */
  public double sum() {
    return sum;
  }

  /** The error kept aside: what {@link #sum} lacks. */
  public double compensation() {
    return compensation;
  }

  /** The sum; an infinite one stays as it is (its error is not a number). */
  public double value() {
    return Double.isFinite(sum) ? sum + compensation : sum;
  }
}
