package dicomsql.engine.synth;

import dicomsql.engine.phase.Phase;
import java.util.SplittableRandom;

/**
 * Series descriptions as Siemens scanners and technologists wrote them for each phase, and
 * some that name no phase at all, so that every phase rule gets exercised.
 */
final class SeriesDescriptions {
  private static final String KERNEL = " 5.0 B31f";
  private static final String[] NON_CONTRAST = {"Non Contrast", "Pre", "Plain", "NON-CONTRAST",
      "Pre Contrast", "Non Contrast", "Pre-contrast"};
  private static final String[] ARTERIAL = {"Arterial Phase", "ART", "Art. Phase",
      "Arterial Phase", "Early Arterial", "ARTERIAL"};
  private static final String[] PORTAL = {"Port. Phas", "PV", "Portal Venous", "Port. Phas",
      "Venous Phase", "PORTAL"};
  private static final String[] DELAYED = {"Delay Phas", "Delayed 3min", "Equilibrium",
      "Delay Phas", "DELAYED", "Delay 5min"};
  /** Descriptions that say nothing about the phase; the phase then follows from other rules. */
  private static final String[] SILENT = {"Abdomen", "Liver", "ABD"};

  private SeriesDescriptions() {}

  static String pick(SplittableRandom random, Phase phase) {
    if (random.nextInt(100) < 8) {
      return SILENT[random.nextInt(SILENT.length)] + KERNEL;
    }
    String[] pool = switch (phase) {
      case N -> NON_CONTRAST;
      case A -> ARTERIAL;
      case P -> PORTAL;
      case D -> DELAYED;
    };
    return pool[random.nextInt(pool.length)] + KERNEL;
  }
}
