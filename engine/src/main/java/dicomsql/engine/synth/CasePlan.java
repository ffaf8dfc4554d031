package dicomsql.engine.synth;

import dicomsql.engine.phase.Phase;
import java.time.LocalTime;
import java.util.List;

/**
 * Everything decided about one case before a byte is written: the de-identified patient and
 * study, the scanner, the image grid, the series of each phase present, the lesions and the
 * phase they were outlined on.
 */
record CasePlan(
    int caseNumber,
    String folder,
    String patientId,
    String sex,
    int birthYear,
    int studyYear,
    String studyUid,
    LocalTime studyTime,
    String accessionNumber,
    String frameOfReferenceUid,
    String model,
    String topogramUid,
    int matrix,
    double pixelSpacing,
    double x0,
    double y0,
    Anatomy anatomy,
    List<SeriesPlan> series,
    List<LesionPlan> lesions,
    Phase annotatedPhase,
    String rtssSeriesUid,
    String rtssSopUid) {

  /** Patient's Name after de-identification: the case number. */
  String patientName() {
    return Integer.toString(caseNumber);
  }

  /** Patient's Age as stored, e.g. {@code 068Y}. */
  String age() {
    return String.format("%03dY", studyYear - birthYear);
  }

  SeriesPlan annotatedSeries() {
    for (SeriesPlan plan : series) {
      if (plan.phase() == annotatedPhase) {
        return plan;
      }
    }
    throw new IllegalStateException("no series of the annotated phase " + annotatedPhase);
  }

  /** Patient x of pixel column {@code col}'s centre. */
  double x(int col) {
    return x0 + col * pixelSpacing;
  }

  /** Patient y of pixel row {@code row}'s centre. */
  double y(int row) {
    return y0 + row * pixelSpacing;
  }
}
