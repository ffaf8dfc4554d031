package dicomsql.engine.phase;

import java.io.Serializable;
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
 * never looked at. Serializable, so that a distributed job decides phases where the series are.
 */
public final class PhaseRules implements Serializable {
  /** {@code phase_source} of a series decided by no contrast evidence. */
  public static final String NO_CONTRAST = "no-contrast";
  /** {@code phase_source} of a series decided by its place in the study's contrast order. */
  public static final String ACQUISITION_ORDER = "acquisition-order";
  /** Prefix of the {@code phase_source} of a series decided by a description keyword. */
  public static final String DESCRIPTION = "description:";

  /** Bump when the rules below decide differently. */
  private static final int RULES_VERSION = 2;

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

  /**
   * Changes whenever the keywords or these rules do, so that an index decides its phases again
   * (see {@link PhaseKeywords#fingerprint()}).
   */
  public String fingerprint() {
    return RULES_VERSION + ":" + keywords.fingerprint();
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
   * Orders the contrast acquisitions in time. An acquisition whose series a description named
   * keeps that phase and anchors its neighbours: unnamed acquisitions before the first anchor
   * take the phases just before it (a study without an arterial series, with its portal series
   * unnamed and its delayed one named, is read right), the others take the phase after the one
   * before them. With no anchor at all, the first contrast acquisition is arterial.
   */
  private static void orderContrastSeries(List<SeriesFacts> study, List<Decision> decisions,
      List<Integer> contrastSeries) {
    contrastSeries.sort(Comparator.comparing(i -> study.get(i).acquisitionTime()));
    List<List<Integer>> acquisitions = new ArrayList<>();
    for (int series : contrastSeries) {
      List<Integer> last = acquisitions.isEmpty() ? null
          : acquisitions.get(acquisitions.size() - 1);
      if (last != null && Duration.between(study.get(last.get(0)).acquisitionTime(),
          study.get(series).acquisitionTime()).compareTo(SAME_ACQUISITION) <= 0) {
        last.add(series);
      } else {
        acquisitions.add(new ArrayList<>(List.of(series)));
      }
    }
    Phase[] phases = new Phase[acquisitions.size()];
    int firstAnchor = -1;
    for (int a = 0; a < phases.length; a++) {
      for (int series : acquisitions.get(a)) {
        if (phases[a] == null) {
          phases[a] = decisions.get(series).phase();
        }
      }
      if (phases[a] != null && firstAnchor < 0) {
        firstAnchor = a;
      }
    }
    for (int a = firstAnchor - 1; a >= 0; a--) {
      phases[a] = phases[a + 1] == Phase.A ? Phase.A : Phase.values()[phases[a + 1].ordinal() - 1];
    }
    for (int a = Math.max(0, firstAnchor); a < phases.length; a++) {
      if (phases[a] == null) {
        phases[a] = a == 0 ? Phase.A
            : phases[a - 1] == Phase.D ? Phase.D : Phase.values()[phases[a - 1].ordinal() + 1];
      }
    }
    for (int a = 0; a < phases.length; a++) {
      for (int series : acquisitions.get(a)) {
        if (decisions.get(series).phase() == null) {
          decisions.set(series, new Decision(phases[a], ACQUISITION_ORDER));
        }
      }
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
