package dicomsql.engine.synth;

import dicomsql.engine.phase.Phase;

/**
 * The CT numbers of a case: what each organ and lesion measures in each phase, plus
 * reproducible noise, turned into the stored 12-bit values of each slice (HU + 1024).
 */
final class AbdomenPhantom {
  static final int RESCALE_INTERCEPT = -1024;
  private static final double NOISE_SD = 10;
  private static final double SQRT3 = Math.sqrt(3);

  private final CasePlan plan;
  private final Anatomy anatomy;
  private final Anatomy.Ellipse muscle;
  private final long noiseSeed;

  AbdomenPhantom(CasePlan plan, long noiseSeed) {
    this.plan = plan;
    this.anatomy = plan.anatomy();
    Anatomy.Ellipse body = anatomy.body();
    this.muscle = new Anatomy.Ellipse(body.cx(), body.cy(), body.rx() - 18, body.ry() - 15);
    this.noiseSeed = noiseSeed;
  }

  /** The noiseless CT number at a point in a phase. */
  double hu(Phase phase, double x, double y, double z) {
    if (!anatomy.body().contains(x, y)) {
      return Anatomy.AIR_HU;
    }
    for (LesionPlan lesion : plan.lesions()) {
      if (lesion.contains(x, y, z)) {
        return lesion.hu(phase);
      }
    }
    if (anatomy.spine().contains(x, y)) {
      return Anatomy.BONE_HU;
    }
    if (anatomy.aorta().contains(x, y)) {
      return anatomy.aortaHu(phase);
    }
    if (anatomy.portalVein().contains(x, y)) {
      return anatomy.portalVeinHu(phase);
    }
    if (anatomy.liver().contains(x, y, z)) {
      return anatomy.liverHu(phase);
    }
    return muscle.contains(x, y) ? Anatomy.MUSCLE_HU : Anatomy.FAT_HU;
  }

  /** The stored value of one pixel as written: HU plus noise, offset by 1024, in 12 bits. */
  int stored(SeriesPlan series, int slice, int row, int col) {
    double value = hu(series.phase(), plan.x(col), plan.y(row), series.z(slice))
        + noise(series, slice, row * plan.matrix() + col);
    long rounded = Math.round(value - RESCALE_INTERCEPT);
    return (int) Math.max(0, Math.min(4095, rounded));
  }

  /** One slice's pixel data: unsigned 16-bit little-endian words. */
  byte[] slice(SeriesPlan series, int slice) {
    int matrix = plan.matrix();
    byte[] bytes = new byte[matrix * matrix * 2];
    int at = 0;
    for (int row = 0; row < matrix; row++) {
      for (int col = 0; col < matrix; col++) {
        int value = stored(series, slice, row, col);
        bytes[at++] = (byte) value;
        bytes[at++] = (byte) (value >>> 8);
      }
    }
    return bytes;
  }

  /** Gaussian-like noise (Irwin-Hall of four uniforms) that depends only on the pixel. */
  private double noise(SeriesPlan series, int slice, int pixel) {
    long h = Identifiers.mix(noiseSeed ^ series.phase().ordinal() * 0x9E3779B97F4A7C15L
        ^ ((long) slice << 32 | pixel));
    double sum = (h & 0xFFFF) + (h >>> 16 & 0xFFFF) + (h >>> 32 & 0xFFFF) + (h >>> 48);
    return (sum / 65536.0 - 2) * SQRT3 * NOISE_SD;
  }
}
