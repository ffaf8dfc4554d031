package dicomsql.engine.synth;

import dicomsql.engine.phase.Phase;
import java.time.LocalTime;
import java.util.List;

/**
 * One CT series of a case: its phase and how the scanner labelled it, and the slice geometry
 * (slice i lies at {@code zStart - i * spacing}; all phases share the in-plane grid).
 */
record SeriesPlan(
    Phase phase,
    int seriesNumber,
    String description,
    String seriesUid,
    List<String> sopUids,
    double zStart,
    double spacing,
    LocalTime acquisitionTime,
    boolean contrast) {

  int sliceCount() {
    return sopUids.size();
  }

  double z(int slice) {
    return zStart - slice * spacing;
  }

  /** The lowest and highest slice position. */
  double zMin() {
    return z(sliceCount() - 1);
  }

  double zMax() {
    return zStart;
  }
}
