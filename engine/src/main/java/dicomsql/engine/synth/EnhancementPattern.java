package dicomsql.engine.synth;

/**
 * How a lesion's attenuation relative to the liver changes over the phases; HCC's arterial
 * hyper-enhancement with portal/delayed wash-out is the one the dataset is about.
 */
enum EnhancementPattern {
  /** Brighter than liver in A, darker in P and D. */
  HCC(new double[] {-15, 45, -25, -25}),
  /** Darker than liver in every phase, as metastases are. */
  HYPOVASCULAR(new double[] {-20, -25, -45, -35}),
  /** Bright in A and staying bright, as haemangiomas are. */
  PERSISTENT(new double[] {-10, 30, 35, 30});

  private final double[] offsetFromLiver;

  EnhancementPattern(double[] offsetFromLiver) {
    this.offsetFromLiver = offsetFromLiver;
  }

  /** HU difference to the liver in phase order N, A, P, D. */
  double offset(int phaseIndex) {
    return offsetFromLiver[phaseIndex];
  }
}
