package dicomsql.engine.dicom.codec;

/**
 * The coding parameters of a JPEG-LS scan (T.87 C.2.4.1.1 and A.2.1): the largest sample value,
 * NEAR, the gradient thresholds, RESET, and the derived RANGE, qbpp and LIMIT.
 */
record JpegLsParameters(int maxValue, int near, int t1, int t2, int t3, int reset, int range,
    int qbpp, int limit) {

  /** A scan's parameters, {@code preset} MAXVAL, T1, T2, T3, RESET (0: default); null if invalid. */
  static JpegLsParameters of(int precision, int near, int[] preset) {
    int maxValue = preset[0] != 0 ? preset[0] : (1 << precision) - 1;
    if (near < 0 || near > Math.min(255, maxValue / 2)) {
      return null;
    }
    int t1;
    int t2;
    int t3;
    if (maxValue >= 128) {
      int factor = (Math.min(maxValue, 4095) + 128) / 256;
      t1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1, maxValue);
      t2 = clamp(factor * (7 - 3) + 3 + 5 * near, t1, maxValue);
      t3 = clamp(factor * (21 - 4) + 4 + 7 * near, t2, maxValue);
    } else {
      int factor = 256 / (maxValue + 1);
      t1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1, maxValue);
      t2 = clamp(Math.max(3, 7 / factor + 5 * near), t1, maxValue);
      t3 = clamp(Math.max(4, 21 / factor + 7 * near), t2, maxValue);
    }
    t1 = preset[1] != 0 ? preset[1] : t1;
    t2 = preset[2] != 0 ? preset[2] : t2;
    t3 = preset[3] != 0 ? preset[3] : t3;
    int reset = preset[4] != 0 ? preset[4] : 64;
    int range = (maxValue + 2 * near) / (2 * near + 1) + 1;
    int qbpp = bits(range - 1);
    int bpp = Math.max(2, bits(maxValue));
    return new JpegLsParameters(maxValue, near, t1, t2, t3, reset, range, qbpp,
        2 * (bpp + Math.max(8, bpp)));
  }

  private static int clamp(int value, int low, int maxValue) {
    return value > maxValue || value < low ? low : value;
  }

  /** How many bits hold {@code value}: ceil(log2(value + 1)). */
  private static int bits(int value) {
    return 32 - Integer.numberOfLeadingZeros(value);
  }
}
