package dicomsql.engine.synth;

import dicomsql.engine.dicom.DecimalStrings;
import dicomsql.engine.phase.Phase;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides each case from the seed alone, with the variety of the real release: which phases were
 * acquired, how the scanner named them, the slice grid of each phase, the patient, the lesions
 * and which phase the tumour was outlined on.
 */
final class CasePlanner {
  private static final double SLICE_SPACING = 5.0;

  private final SynthOptions options;
  private final Identifiers ids;

  CasePlanner(SynthOptions options) {
    this.options = options;
    this.ids = new Identifiers(options.seed());
  }

  Identifiers identifiers() {
    return ids;
  }

  CasePlan plan(int caseNumber) {
    SplittableRandom random = new SplittableRandom(ids.hash("case", caseNumber));
    String key = "case" + caseNumber;
    int studyYear = random.nextInt(2005, 2020);
    int age = random.nextInt(38, 86);
    LocalTime studyTime = LocalTime.ofSecondOfDay(random.nextInt(7 * 3600, 18 * 3600));
    double fov = random.nextInt(340, 421);
    // Geometry goes through DS text and back, so the plan holds exactly what readers will see;
    // the odd thousandths keep pixel centres off the 0.01 mm grid of contour vertices.
    double spacing = DecimalStrings.asWritten(fov / options.matrix());
    double corner = -fov / 2 + spacing / 2;
    double x0 = DecimalStrings.asWritten(corner + random.nextInt(-10000, 10001) / 1e3);
    double y0 = DecimalStrings.asWritten(corner + random.nextInt(-5000, 20001) / 1e3);
    int slices = options.slices() > 0 ? options.slices() : random.nextInt(40, 51);
    double zTop = random.nextInt(40, 121);
    Anatomy anatomy = anatomy(random, zTop - (slices - 1) * SLICE_SPACING / 2);

    Set<Phase> phases = phases(random);
    List<SeriesPlan> series = series(random, key, phases, slices, zTop, studyTime);
    double zLow = Double.NEGATIVE_INFINITY;
    double zHigh = Double.POSITIVE_INFINITY;
    for (SeriesPlan plan : series) {
      zLow = Math.max(zLow, plan.zMin());
      zHigh = Math.min(zHigh, plan.zMax());
    }
    Phase annotated = annotatedPhase(random, phases);
    List<LesionPlan> lesions = lesions(random, anatomy, annotated, spacing, zLow, zHigh);
    return new CasePlan(caseNumber, String.format("HCC_%04d", caseNumber),
        ids.hex32(key, "patient"), random.nextInt(100) < 80 ? "M" : "F", studyYear - age,
        studyYear, ids.uid(key, "study"), studyTime, ids.hex32(key, "accession"),
        ids.uid(key, "frame"), pick(random, "Sensation 16", "Sensation 16", "Sensation 64",
        "Emotion 6"), ids.uid(key, "topogram"), options.matrix(), spacing, x0, y0, anatomy,
        series, lesions, annotated, ids.uid(key, "rtss-series"), ids.uid(key, "rtss"));
  }

  private static Anatomy anatomy(SplittableRandom random, double zMiddle) {
    double bodyRx = random.nextInt(140, 176);
    double bodyRy = random.nextInt(100, 131);
    Anatomy.Ellipsoid liver = new Anatomy.Ellipsoid(-bodyRx * 0.35, -10 + random.nextInt(-5, 6),
        zMiddle + random.nextInt(-10, 11), bodyRx * 0.45, bodyRy * 0.6, random.nextInt(85, 101));
    double[] liverHu = {jitter(random, 55, 5), jitter(random, 72, 7), jitter(random, 110, 10),
        jitter(random, 92, 7)};
    double[] aortaHu = {jitter(random, 42, 4), jitter(random, 300, 50), jitter(random, 165, 15),
        jitter(random, 120, 10)};
    double[] portalHu = {jitter(random, 42, 4), jitter(random, 105, 15), jitter(random, 185, 15),
        jitter(random, 130, 10)};
    return new Anatomy(new Anatomy.Ellipse(0, 0, bodyRx, bodyRy), liver,
        new Anatomy.Circle(15, bodyRy * 0.35, 11), new Anatomy.Circle(-25, 5, 7),
        new Anatomy.Circle(0, bodyRy * 0.7, 16), liverHu, aortaHu, portalHu);
  }

  private static Set<Phase> phases(SplittableRandom random) {
    int roll = random.nextInt(100);
    if (roll < 70) {
      return EnumSet.allOf(Phase.class);
    }
    if (roll < 82) {
      return EnumSet.of(Phase.N, Phase.A, Phase.P);
    }
    if (roll < 92) {
      return EnumSet.of(Phase.A, Phase.P, Phase.D);
    }
    if (roll < 97) {
      return EnumSet.of(Phase.A, Phase.P);
    }
    return EnumSet.of(Phase.N, Phase.P, Phase.D);
  }

  private List<SeriesPlan> series(SplittableRandom random, String key, Set<Phase> phases,
      int slices, double zTop, LocalTime studyTime) {
    List<SeriesPlan> series = new ArrayList<>();
    int number = random.nextInt(2, 4);
    int step = random.nextInt(1, 3);
    int arterialDelay = random.nextInt(200, 261);
    for (Phase phase : phases) {
      int seconds = switch (phase) {
        case N -> random.nextInt(60, 121);
        case A -> arterialDelay;
        case P -> arterialDelay + random.nextInt(35, 46);
        case D -> arterialDelay + random.nextInt(150, 201);
      };
      double offset = random.nextInt(-4, 5) * 0.5;
      List<String> sops = new ArrayList<>(slices);
      String seriesKey = key + "/" + phase;
      for (int i = 0; i < slices; i++) {
        sops.add(ids.uid(seriesKey, "image", i));
      }
      series.add(new SeriesPlan(phase, number, SeriesDescriptions.pick(random, phase),
          ids.uid(seriesKey, "series"), List.copyOf(sops), zTop + offset, SLICE_SPACING,
          studyTime.plusSeconds(seconds), phase != Phase.N));
      number += step;
    }
    return List.copyOf(series);
  }

  private static Phase annotatedPhase(SplittableRandom random, Set<Phase> phases) {
    if (phases.contains(Phase.P) && random.nextInt(100) < 90) {
      return Phase.P;
    }
    for (Phase preferred : new Phase[] {Phase.A, Phase.D, Phase.N, Phase.P}) {
      if (phases.contains(preferred)) {
        return preferred;
      }
    }
    throw new IllegalStateException("a case without phases");
  }

  private static List<LesionPlan> lesions(SplittableRandom random, Anatomy anatomy,
      Phase annotated, double pixelSpacing, double zLow, double zHigh) {
    int roll = random.nextInt(100);
    int count = roll < 60 ? 1 : roll < 90 ? 2 : 3;
    double minRadius = Math.max(8, 2.5 * pixelSpacing);
    double zRoom = Math.max(SLICE_SPACING, (zHigh - zLow) / 2 - SLICE_SPACING);
    Anatomy.Ellipsoid liver = anatomy.liver();
    List<LesionPlan> lesions = new ArrayList<>();
    for (int attempt = 0; attempt < 40 && lesions.size() < count; attempt++) {
      double rx = minRadius + random.nextDouble() * 22;
      double ry = Math.max(minRadius, rx * (0.7 + random.nextDouble() * 0.5));
      double rz = Math.min(zRoom, Math.max(SLICE_SPACING, rx * (0.6 + random.nextDouble() * 0.6)));
      double cx = liver.cx() + (random.nextDouble() * 2 - 1) * Math.max(0, liver.rx() - rx) * 0.6;
      double cy = liver.cy() + (random.nextDouble() * 2 - 1) * Math.max(0, liver.ry() - ry) * 0.6;
      double zFrom = zLow + rz + SLICE_SPACING;
      double zTo = zHigh - rz - SLICE_SPACING;
      double cz = zFrom < zTo ? zFrom + random.nextDouble() * (zTo - zFrom) : (zLow + zHigh) / 2;
      if (overlaps(lesions, cx, cy, cz, Math.max(rx, ry), rz)) {
        continue;
      }
      int patternRoll = random.nextInt(100);
      EnhancementPattern pattern = patternRoll < 80 ? EnhancementPattern.HCC
          : patternRoll < 92 ? EnhancementPattern.HYPOVASCULAR : EnhancementPattern.PERSISTENT;
      double[] hu = new double[4];
      for (Phase phase : Phase.values()) {
        hu[phase.ordinal()] = anatomy.liverHu(phase) + pattern.offset(phase.ordinal())
            + jitter(random, 0, 5);
      }
      int number = lesions.size() + 1;
      String name = "HCC" + annotated + (number == 1 ? "" : Integer.toString(number));
      double angle = random.nextDouble() * Math.PI;
      lesions.add(new LesionPlan(number, name, pattern, cx, cy, cz, rx, ry, rz,
          Math.cos(angle), Math.sin(angle), hu));
    }
    return List.copyOf(lesions);
  }

  private static boolean overlaps(List<LesionPlan> lesions, double cx, double cy, double cz,
      double r, double rz) {
    for (LesionPlan other : lesions) {
      double inPlane = Math.hypot(cx - other.cx(), cy - other.cy());
      boolean apartInPlane = inPlane > r + Math.max(other.rx(), other.ry()) + 2;
      boolean apartInZ = Math.abs(cz - other.cz()) > rz + other.rz() + SLICE_SPACING;
      if (!apartInPlane && !apartInZ) {
        return true;
      }
    }
    return false;
  }

  private static double jitter(SplittableRandom random, double centre, double spread) {
    return centre + (random.nextDouble() * 2 - 1) * spread;
  }

  private static String pick(SplittableRandom random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
