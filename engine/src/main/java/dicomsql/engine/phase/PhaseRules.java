package dicomsql.engine.phase;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Decides the contrast phase of each image series of one study from its headers alone, in this
 * order: keywords in the Series Description; then contrast evidence (no Contrast/Bolus Agent and
 * no contrast in the Image Comments: non-contrast); then the acquisition-time order of the
 * study's contrast acquisitions (arterial, portal venous, delayed). Folder and file names are
 * never looked at.
 */
public final class PhaseRules {
  /** {@code phase_source} of a series decided by no contrast evidence. */
  public static final String NO_CONTRAST = "no-contrast";
  /** {@code phase_source} of a series decided by its place in the study's contrast order. */
  public static final String ACQUISITION_ORDER = "acquisition-order";
  /** Prefix of the {@code phase_source} of a series decided by a description keyword. */
  public static final String DESCRIPTION = "description:";

  /** Series acquired this close together are reconstructions of one acquisition. */
  private static final Duration SAME_ACQUISITION = Duration.ofSeconds(10);
  private static final Set<String> IMAGE_MODALITIES = Set.of("CT", "MR");
  private static final Set<String> NO_AGENT = Set.of("", "none", "no", "n/a", "na", "nil", "0",
      "no contrast", "without contrast");
  private static final Set<String> NEGATIONS = Set.of("no", "non", "without", "noncontrast");

  /** What the rules read of a series. */
  public record SeriesFacts(String modality, String description, String contrastAgent,
      String imageComments, LocalTime acquisitionTime) {}

  /** A series' phase and the rule that decided it; both null when no rule could. */
  public record Decision(Phase phase, String source) {
    static final Decision NONE = new Decision(null, null);
  }

  private final PhaseKeywords keywords;

  public PhaseRules(PhaseKeywords keywords) {
    this.keywords = keywords;
  }

  /** Changes whenever the keywords do; see {@link PhaseKeywords#fingerprint()}. */
  public String fingerprint() {
    return keywords.fingerprint();
  }

  /** The rules with the built-in keywords. */
  public static PhaseRules builtIn() {
    return new PhaseRules(PhaseKeywords.builtIn());
  }

  /** One decision per series of a study, in the order given. */
  public List<Decision> decide(List<SeriesFacts> study) {
    List<Decision> decisions = new ArrayList<>();
    List<Integer> contrastSeries = new ArrayList<>();
    for (int i = 0; i < study.size(); i++) {
      SeriesFacts series = study.get(i);
      Decision decision = Decision.NONE;
      if (series.modality() != null && IMAGE_MODALITIES.contains(series.modality())) {
        PhaseKeywords.Match match = keywords.match(series.description());
        if (match != null) {
          decision = new Decision(match.phase(), DESCRIPTION + match.keyword());
        } else if (!hasContrast(series)) {
          decision = new Decision(Phase.N, NO_CONTRAST);
        }
        boolean contrastPhase = decision.phase() == null || decision.phase() != Phase.N;
        if (contrastPhase && series.acquisitionTime() != null) {
          contrastSeries.add(i);
        }
      }
      decisions.add(decision);
    }
    orderContrastSeries(study, decisions, contrastSeries);
    return decisions;
  }

  /**
   * Walks the contrast acquisitions in time order: one whose series a description named sets
   * the phase, the others take the next phase after the one before them.
   */
  private static void orderContrastSeries(List<SeriesFacts> study, List<Decision> decisions,
      List<Integer> contrastSeries) {
    contrastSeries.sort(Comparator.comparing(i -> study.get(i).acquisitionTime()));
    Phase next = Phase.A;
    int start = 0;
    while (start < contrastSeries.size()) {
      int end = start + 1;
      LocalTime first = study.get(contrastSeries.get(start)).acquisitionTime();
      while (end < contrastSeries.size() && Duration.between(first,
          study.get(contrastSeries.get(end)).acquisitionTime()).compareTo(SAME_ACQUISITION) <= 0) {
        end++;
      }
      Phase named = null;
      for (int k = start; k < end && named == null; k++) {
        named = decisions.get(contrastSeries.get(k)).phase();
      }
      Phase phase = named != null ? named : next;
      for (int k = start; k < end; k++) {
        int series = contrastSeries.get(k);
        if (decisions.get(series).phase() == null) {
          decisions.set(series, new Decision(phase, ACQUISITION_ORDER));
        }
      }
      next = phase == Phase.D ? Phase.D : Phase.values()[phase.ordinal() + 1];
      start = end;
    }
  }

  /** Contrast evidence: an agent that is not a "none", or a comment that names contrast. */
  static boolean hasContrast(SeriesFacts series) {
    String agent = series.contrastAgent() == null ? "" : series.contrastAgent().strip();
    if (!NO_AGENT.contains(agent.toLowerCase(java.util.Locale.ROOT))) {
      return true;
    }
    List<String> words = PhaseKeywords.words(
        series.imageComments() == null ? "" : series.imageComments());
    boolean contrast = words.contains("contrast") || words.contains("enhanced");
    boolean negated = words.stream().anyMatch(NEGATIONS::contains);
    return contrast && !negated;
  }
}
