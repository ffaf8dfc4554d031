package dicomsql.engine.dicom.codec;

/**
 * The inverse DCT of an 8 x 8 block as the Independent JPEG Group's library computes it by
 * default ({@code jpeg_idct_islow} of libjpeg 6b, which dcmtk's 8 and 12 bit decoders and the
 * JDK's JPEG reader are built on): the Loeffler-Ligtenberg-Moschytz integer algorithm with 13-bit
 * constants, the same rounding, the same skipping of all-zero AC terms, and the same wrap-around
 * range limit. Lossy JPEG leaves the exact samples to the decoder; computing them the way
 * dcmtk does makes our pixel values equal to what {@code dcmdjpeg} writes, not merely close.
 */
final class IslowIdct {
  private static final int CONST_BITS = 13;
  private static final long FIX_0_298631336 = 2446;
  private static final long FIX_0_390180644 = 3196;
  private static final long FIX_0_541196100 = 4433;
  private static final long FIX_0_765366865 = 6270;
  private static final long FIX_0_899976223 = 7373;
  private static final long FIX_1_175875602 = 9633;
  private static final long FIX_1_501321110 = 12299;
  private static final long FIX_1_847759065 = 15137;
  private static final long FIX_1_961570560 = 16069;
  private static final long FIX_2_053119869 = 16819;
  private static final long FIX_2_562915447 = 20995;
  private static final long FIX_3_072711026 = 25172;

  /** libjpeg keeps 2 extra bits between the passes at 8 bits, 1 at 12 to stay within 32. */
  private final int pass1Bits;
  /** The sample of each IDCT result, masked to rangeLimit.length - 1 (libjpeg's table). */
  private final int[] rangeLimit;
  private final int[] workspace = new int[64];
  private final long[] odd = new long[4];

  IslowIdct(int precision) {
    pass1Bits = precision == 8 ? 2 : 1;
    int max = (1 << precision) - 1;
    int center = 1 << (precision - 1);
    rangeLimit = new int[4 * (max + 1)];
    for (int v = 0; v < rangeLimit.length; v++) {
      // The result read as a number in [-2 (max + 1), 2 (max + 1)), level-shifted and clamped.
      int x = v < 2 * (max + 1) ? v : v - rangeLimit.length;
      rangeLimit[v] = Math.max(0, Math.min(max, x + center));
    }
  }

  /**
   * Dequantizes {@code coefficients} (natural order, as the 16-bit values libjpeg keeps) by
   * {@code quant} and writes the block's samples to {@code out}, 8 a row, row after row.
   */
  void transform(short[] coefficients, int[] quant, int[] out) {
    for (int column = 0; column < 8; column++) {
      columnPass(coefficients, quant, column);
    }
    for (int row = 0; row < 8; row++) {
      rowPass(row, out);
    }
  }

  private void columnPass(short[] in, int[] quant, int c) {
    int[] ws = workspace;
    if (in[c + 8] == 0 && in[c + 16] == 0 && in[c + 24] == 0 && in[c + 32] == 0
        && in[c + 40] == 0 && in[c + 48] == 0 && in[c + 56] == 0) {
      int dc = in[c] * quant[c] << pass1Bits;
      for (int r = 0; r < 64; r += 8) {
        ws[c + r] = dc;
      }
      return;
    }
    long z2 = (long) in[c + 16] * quant[c + 16];
    long z3 = (long) in[c + 48] * quant[c + 48];
    long z1 = (z2 + z3) * FIX_0_541196100;
    long tmp2 = z1 - z3 * FIX_1_847759065;
    long tmp3 = z1 + z2 * FIX_0_765366865;
    z2 = (long) in[c] * quant[c];
    z3 = (long) in[c + 32] * quant[c + 32];
    long tmp0 = (z2 + z3) << CONST_BITS;
    long tmp1 = (z2 - z3) << CONST_BITS;
    long tmp10 = tmp0 + tmp3;
    long tmp13 = tmp0 - tmp3;
    long tmp11 = tmp1 + tmp2;
    long tmp12 = tmp1 - tmp2;
    long[] odd = odd((long) in[c + 56] * quant[c + 56], (long) in[c + 40] * quant[c + 40],
        (long) in[c + 24] * quant[c + 24], (long) in[c + 8] * quant[c + 8]);
    int shift = CONST_BITS - pass1Bits;
    ws[c] = (int) descale(tmp10 + odd[3], shift);
    ws[c + 56] = (int) descale(tmp10 - odd[3], shift);
    ws[c + 8] = (int) descale(tmp11 + odd[2], shift);
    ws[c + 48] = (int) descale(tmp11 - odd[2], shift);
    ws[c + 16] = (int) descale(tmp12 + odd[1], shift);
    ws[c + 40] = (int) descale(tmp12 - odd[1], shift);
    ws[c + 24] = (int) descale(tmp13 + odd[0], shift);
    ws[c + 32] = (int) descale(tmp13 - odd[0], shift);
  }

  private void rowPass(int row, int[] out) {
    int[] ws = workspace;
    int w = row * 8;
    int mask = rangeLimit.length - 1;
    int shift = CONST_BITS + pass1Bits + 3;
    if (ws[w + 1] == 0 && ws[w + 2] == 0 && ws[w + 3] == 0 && ws[w + 4] == 0
        && ws[w + 5] == 0 && ws[w + 6] == 0 && ws[w + 7] == 0) {
      int sample = rangeLimit[(int) descale(ws[w], pass1Bits + 3) & mask];
      for (int i = 0; i < 8; i++) {
        out[w + i] = sample;
      }
      return;
    }
    long z2 = ws[w + 2];
    long z3 = ws[w + 6];
    long z1 = (z2 + z3) * FIX_0_541196100;
    long tmp2 = z1 - z3 * FIX_1_847759065;
    long tmp3 = z1 + z2 * FIX_0_765366865;
    long tmp0 = ((long) ws[w] + ws[w + 4]) << CONST_BITS;
    long tmp1 = ((long) ws[w] - ws[w + 4]) << CONST_BITS;
    long tmp10 = tmp0 + tmp3;
    long tmp13 = tmp0 - tmp3;
    long tmp11 = tmp1 + tmp2;
    long tmp12 = tmp1 - tmp2;
    long[] odd = odd(ws[w + 7], ws[w + 5], ws[w + 3], ws[w + 1]);
    out[w] = rangeLimit[(int) descale(tmp10 + odd[3], shift) & mask];
    out[w + 7] = rangeLimit[(int) descale(tmp10 - odd[3], shift) & mask];
    out[w + 1] = rangeLimit[(int) descale(tmp11 + odd[2], shift) & mask];
    out[w + 6] = rangeLimit[(int) descale(tmp11 - odd[2], shift) & mask];
    out[w + 2] = rangeLimit[(int) descale(tmp12 + odd[1], shift) & mask];
    out[w + 5] = rangeLimit[(int) descale(tmp12 - odd[1], shift) & mask];
    out[w + 3] = rangeLimit[(int) descale(tmp13 + odd[0], shift) & mask];
    out[w + 4] = rangeLimit[(int) descale(tmp13 - odd[0], shift) & mask];
  }

  /**
   * The odd part (libjpeg's figure 8) from the terms of frequency 7, 5, 3 and 1: its tmp0 to
   * tmp3, in that order.
   */
  private long[] odd(long y7, long y5, long y3, long y1) {
    long z1 = y7 + y1;
    long z2 = y5 + y3;
    long z3 = y7 + y3;
    long z4 = y5 + y1;
    long z5 = (z3 + z4) * FIX_1_175875602;
    z1 *= -FIX_0_899976223;
    z2 *= -FIX_2_562915447;
    z3 = z3 * -FIX_1_961570560 + z5;
    z4 = z4 * -FIX_0_390180644 + z5;
    odd[0] = y7 * FIX_0_298631336 + z1 + z3;
    odd[1] = y5 * FIX_2_053119869 + z2 + z4;
    odd[2] = y3 * FIX_3_072711026 + z2 + z3;
    odd[3] = y1 * FIX_1_501321110 + z1 + z4;
    return odd;
  }

  /** libjpeg's DESCALE: divides by 2^n, rounding halves up. */
  private static long descale(long x, int n) {
    return (x + (1L << (n - 1))) >> n;
  }
}
