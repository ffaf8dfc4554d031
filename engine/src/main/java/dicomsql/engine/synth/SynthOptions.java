package dicomsql.engine.synth;

/**
 * What to generate: how many cases, from which seed, at which image size, with how many slices
 * per phase (0: 40 to 50, varying by case as in the real data), on how many threads.
 */
public record SynthOptions(int patients, long seed, int matrix, int slices, int threads) {
  public static final int DEFAULT_MATRIX = 512;

  public SynthOptions {
    if (patients < 1) {
      throw new IllegalArgumentException("--patients must be at least 1, not " + patients);
    }
    if (matrix < 16 || matrix > 2048) {
      throw new IllegalArgumentException("--matrix must be between 16 and 2048, not " + matrix);
    }
    if (slices < 0 || slices > 1000) {
      throw new IllegalArgumentException("--slices must be between 1 and 1000, not " + slices);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
  }

  /** Defaults: matrix 512, slices varying, one thread per core. */
  public static SynthOptions of(int patients, long seed) {
    return new SynthOptions(patients, seed, DEFAULT_MATRIX, 0,
        Runtime.getRuntime().availableProcessors());
  }

  public SynthOptions withMatrix(int newMatrix) {
    return new SynthOptions(patients, seed, newMatrix, slices, threads);
  }

  public SynthOptions withSlices(int newSlices) {
    return new SynthOptions(patients, seed, matrix, newSlices, threads);
  }

  public SynthOptions withThreads(int newThreads) {
    return new SynthOptions(patients, seed, matrix, slices, newThreads);
  }
}
