package dicomsql.engine.features;

import java.util.Arrays;

/**
 * The eigenvalues of the covariance of a mask's voxel centres (mm², sample covariance: sums
 * of products divided by the voxel count − 1, as numpy's {@code cov} and the IBSI's reference
 * values have it), largest first: IBSI 1's λ1 ≥ λ2 ≥ λ3 for the axis lengths. NaN for a
 * single voxel.
 */
final class PrincipalAxes {
  private PrincipalAxes() {}

  static double[] eigenvalues(BinaryVolume mask) {
    double[] sum = new double[3];
    double[] products = new double[6];
    long n = 0;
    for (int k = 0; k < mask.nz(); k++) {
      for (int j = 0; j < mask.ny(); j++) {
        for (int i = 0; i < mask.nx(); i++) {
          if (mask.at(i, j, k)) {
            double x = i * mask.dx();
            double y = j * mask.dy();
            double z = k * mask.dz();
            sum[0] += x;
            sum[1] += y;
            sum[2] += z;
            products[0] += x * x;
            products[1] += y * y;
            products[2] += z * z;
            products[3] += x * y;
            products[4] += x * z;
            products[5] += y * z;
            n++;
          }
        }
      }
    }
    double mx = sum[0] / n;
    double my = sum[1] / n;
    double mz = sum[2] / n;
    double f = (double) n / (n - 1);
    double xx = (products[0] / n - mx * mx) * f;
    double yy = (products[1] / n - my * my) * f;
    double zz = (products[2] / n - mz * mz) * f;
    double xy = (products[3] / n - mx * my) * f;
    double xz = (products[4] / n - mx * mz) * f;
    double yz = (products[5] / n - my * mz) * f;
    return symmetricEigenvalues(xx, yy, zz, xy, xz, yz);
  }

  /**
   * Eigenvalues of a symmetric 3x3 matrix, largest first, by the trigonometric solution of its
   * characteristic cubic (O. K. Smith, 1961).
   */
  static double[] symmetricEigenvalues(double a, double b, double c, double d, double e,
      double f) {
    double off = d * d + e * e + f * f;
    if (off == 0) {
      double[] diagonal = {a, b, c};
      Arrays.sort(diagonal);
      return new double[] {diagonal[2], diagonal[1], diagonal[0]};
    }
    double q = (a + b + c) / 3;
    double p = Math.sqrt(((a - q) * (a - q) + (b - q) * (b - q) + (c - q) * (c - q)
        + 2 * off) / 6);
    // B = (A - qI) / p; r = det(B) / 2
    double ba = (a - q) / p;
    double bb = (b - q) / p;
    double bc = (c - q) / p;
    double bd = d / p;
    double be = e / p;
    double bf = f / p;
    double r = (ba * (bb * bc - bf * bf) - bd * (bd * bc - bf * be) + be * (bd * bf - bb * be))
        / 2;
    double phi = r <= -1 ? Math.PI / 3 : r >= 1 ? 0 : Math.acos(r) / 3;
    double largest = q + 2 * p * Math.cos(phi);
    double smallest = q + 2 * p * Math.cos(phi + 2 * Math.PI / 3);
    return new double[] {largest, 3 * q - largest - smallest, smallest};
  }
}
