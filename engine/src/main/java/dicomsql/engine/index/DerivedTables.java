package dicomsql.engine.index;

import dicomsql.engine.phase.PhaseRules;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.roaringbitmap.RoaringBitmap;

/**
 * Rewrites the tables derived from instances and structure sets: series (with their phases),
 * studies, patients, structure sets and ROIs (linked to the series they were drawn on). These
 * are small next to the instances, so they are recomputed whole; only the series whose
 * instances changed are derived again from their instance rows. The derivations themselves are
 * public and static over plain rows, so that a distributed job (the {@code spark} module)
 * derives exactly what the index does.
 */
public final class DerivedTables {
  private static final TableDefinition I = Tables.INSTANCES;
  private static final TableDefinition S = Tables.SERIES;
  private static final TableDefinition ST = Tables.STUDIES;
  private static final TableDefinition P = Tables.PATIENTS;
  private static final TableDefinition SS = Tables.STRUCTURE_SETS;
  private static final TableDefinition R = Tables.ROIS;
  private static final Set<String> IMAGE_MODALITIES = Set.of("CT", "MR", "PT", "NM", "US",
      "CR", "DX", "MG", "XA", "RF", "OT");

  static final String BY_CONTOUR_IMAGES = "contour-image";
  static final String BY_REFERENCED_SERIES = "referenced-series";
  static final String BY_FRAME_OF_REFERENCE = "frame-of-reference";

  private final IndexStore store;
  private final PhaseRules rules;

  DerivedTables(IndexStore store, PhaseRules rules) {
    this.store = store;
    this.rules = rules;
  }

  /**
   * Brings every derived table up to date. {@code changed} holds the series whose instances
   * changed, freshly accumulated (a series with no instances left maps to null); the other
   * series keep their stored rows and, unless {@code allPhases}, their phases. ROIs are linked
   * again only when one of {@code changedSops} is among their contours' images (or they have
   * no stored link). Only rows that differ are written. {@code scanned}, when not null, is
   * what a first build's scan gathered, so that nothing need be looked up in the index.
   */
  void update(Map<String, SeriesAccumulator> changed, Set<String> changedSops,
      boolean allPhases, Scanned scanned) {
    Map<String, Object[]> series = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
    TableStore seriesTable = store.table(S);
    for (int id : seriesTable.live()) {
      Object[] row = seriesTable.get(id);
      series.put((String) row[0], row);
    }
    Set<String> studiesToDecide = new HashSet<>();
    for (Map.Entry<String, SeriesAccumulator> entry : changed.entrySet()) {
      Object[] old = series.remove(entry.getKey());
      if (old != null) {
        studiesToDecide.add((String) old[S.indexOf("study_uid")]);
      }
      if (entry.getValue() != null) {
        Object[] row = entry.getValue().row();
        series.put(entry.getKey(), row);
        studiesToDecide.add((String) row[S.indexOf("study_uid")]);
      }
    }
    decidePhases(series.values(), allPhases ? null : studiesToDecide);
    List<Object[]> structureSets = new ArrayList<>();
    List<Object[]> rois = new ArrayList<>();
    structureSetsAndRois(series, changedSops, scanned, structureSets, rois);
    replace(S, new ArrayList<>(series.values()));
    replace(ST, studies(series.values()));
    replace(P, patients(series.values()));
    replace(SS, structureSets);
    replace(R, rois);
  }

  /**
   * What a first build's scan gathered for the derivations: the accumulator of every instance's
   * series by its SOP Instance UID, and the instance row of every structure set by its row id.
   * Read back from the index instead, each of those rows cost a page read and decode.
   */
  record Scanned(Map<String, SeriesAccumulator> seriesOfSop,
      Map<Integer, Object[]> structureSetInstances) {}

  private void replace(TableDefinition table, List<Object[]> rows) {
    TableStore target = store.table(table);
    target.replaceRows(rows);
    target.finish();
  }

  /** Decides the phases of the series of the given studies (of all, when null). */
  private void decidePhases(Collection<Object[]> series, Set<String> studies) {
    Map<String, List<Object[]>> byStudy = new LinkedHashMap<>();
    for (Object[] row : series) {
      String study = (String) row[S.indexOf("study_uid")];
      if (studies == null || studies.contains(study)) {
        byStudy.computeIfAbsent(study, s -> new ArrayList<>()).add(row);
      }
    }
    for (List<Object[]> study : byStudy.values()) {
      decidePhases(study, rules);
    }
  }

  /** Sets phase and phase source of the series rows of one study. */
  public static void decidePhases(List<Object[]> study, PhaseRules rules) {
    int phase = S.indexOf("phase");
    List<PhaseRules.SeriesFacts> facts = new ArrayList<>();
    for (Object[] row : study) {
      facts.add(new PhaseRules.SeriesFacts((String) row[S.indexOf("modality")],
          (String) row[S.indexOf("series_description")],
          (String) row[S.indexOf("contrast_agent")], (String) row[S.indexOf("image_comments")],
          (LocalTime) row[S.indexOf("acquisition_time")]));
    }
    List<PhaseRules.Decision> decisions = rules.decide(facts);
    for (int i = 0; i < study.size(); i++) {
      PhaseRules.Decision decision = decisions.get(i);
      study.get(i)[phase] = decision.phase() == null ? null : decision.phase().name();
      study.get(i)[phase + 1] = decision.source();
    }
  }

  /** Series of one study or patient in their natural order: by series number, then UID. */
  private static final Comparator<Object[]> SERIES_ORDER = Comparator
      .comparing((Object[] row) -> (Integer) row[S.indexOf("series_number")],
          Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(row -> (String) row[0], Comparator.nullsLast(Comparator.naturalOrder()));

  /** One row per study of these series rows. */
  public static List<Object[]> studies(Collection<Object[]> series) {
    Map<String, List<Object[]>> byStudy = group(series, S.indexOf("study_uid"));
    List<Object[]> rows = new ArrayList<>();
    for (Map.Entry<String, List<Object[]>> entry : byStudy.entrySet()) {
      List<Object[]> members = entry.getValue();
      members.sort(SERIES_ORDER);
      Object[] first = representative(members);
      Object[] row = new Object[ST.width()];
      row[0] = entry.getKey();
      for (String column : new String[] {"patient_id", "study_date", "study_time",
          "accession_number", "study_description", "patient_age"}) {
        row[ST.indexOf(column)] = first[S.indexOf(column)];
      }
      row[ST.indexOf("age_years")] = ageYears((String) first[S.indexOf("patient_age")]);
      row[ST.indexOf("series_count")] = members.size();
      int instances = 0;
      for (Object[] member : members) {
        instances += (Integer) member[S.indexOf("instance_count")];
      }
      row[ST.indexOf("instance_count")] = instances;
      rows.add(row);
    }
    return rows;
  }

  /** One row per patient of these series rows. */
  public static List<Object[]> patients(Collection<Object[]> series) {
    Map<String, List<Object[]>> byPatient = group(series, S.indexOf("patient_id"));
    List<Object[]> rows = new ArrayList<>();
    for (Map.Entry<String, List<Object[]>> entry : byPatient.entrySet()) {
      List<Object[]> members = entry.getValue();
      members.sort(SERIES_ORDER);
      Object[] first = representative(members);
      Object[] row = new Object[P.width()];
      row[0] = entry.getKey();
      row[P.indexOf("patient_name")] = first[S.indexOf("patient_name")];
      row[P.indexOf("birth_date")] = first[S.indexOf("birth_date")];
      row[P.indexOf("sex")] = first[S.indexOf("sex")];
      row[P.indexOf("study_count")] = (int) members.stream()
          .map(m -> m[S.indexOf("study_uid")]).distinct().count();
      rows.add(row);
    }
    return rows;
  }

  /** An image series if there is one (structure sets carry less), else the first series. */
  private static Object[] representative(List<Object[]> members) {
    for (Object[] member : members) {
      if (isImage(member)) {
        return member;
      }
    }
    return members.get(0);
  }

  /** Whether a series row is of an imaging modality; a series may have no Modality at all. */
  private static boolean isImage(Object[] series) {
    Object modality = series[S.indexOf("modality")];
    return modality != null && IMAGE_MODALITIES.contains(modality);
  }

  private static Map<String, List<Object[]>> group(Collection<Object[]> rows, int column) {
    Map<String, List<Object[]>> groups = new TreeMap<>(
        Comparator.nullsFirst(Comparator.naturalOrder()));
    for (Object[] row : rows) {
      groups.computeIfAbsent((String) row[column], k -> new ArrayList<>()).add(row);
    }
    return groups;
  }

  /** Whole years of an Age String ({@code 068Y}); months, weeks and days make 0. */
  static Integer ageYears(String age) {
    if (age == null || age.length() != 4) {
      return null;
    }
    int number;
    try {
      number = Integer.parseInt(age.substring(0, 3));
    } catch (NumberFormatException e) {
      return null;
    }
    switch (age.charAt(3)) {
      case 'Y':
        return number;
      case 'M':
        return number / 12;
      case 'W':
        return number / 52;
      case 'D':
        return number / 365;
      default:
        return null;
    }
  }

  private void structureSetsAndRois(Map<String, Object[]> series, Set<String> changedSops,
      Scanned scanned, List<Object[]> structureSets, List<Object[]> rois) {
    TableStore instances = store.table(I);
    TreeMap<String, Integer> order = new TreeMap<>();
    Map<Integer, Object[]> instanceOf = new HashMap<>();
    for (int id : store.structureSets().keySet()) {
      Object[] instance = scanned == null ? instances.get(id)
          : scanned.structureSetInstances().get(id);
      if (instance != null) {
        instanceOf.put(id, instance);
        order.put(instance[I.indexOf("sop_uid")] + "\u0000" + instance[I.indexOf("path")], id);
      }
    }
    Map<Integer, StructureSetFacts> factsOf = new HashMap<>();
    Map<Integer, boolean[]> relink = new HashMap<>();
    Set<String> wanted = new HashSet<>();
    for (int id : order.values()) {
      StructureSetFacts facts = StructureSetFacts.decode(store.structureSets().get(id));
      factsOf.put(id, facts);
      String[] stored = store.roiLinks().get(id);
      boolean[] again = new boolean[facts.rois().size()];
      for (int k = 0; k < again.length; k++) {
        StructureSetFacts.Roi roi = facts.rois().get(k);
        again[k] = stored == null || stored.length != 2 * again.length
            || BY_FRAME_OF_REFERENCE.equals(stored[2 * k + 1])
            || roi.referencedSopUids().stream().anyMatch(changedSops::contains);
        if (again[k]) {
          wanted.addAll(roi.referencedSopUids());
        }
      }
      relink.put(id, again);
    }
    Map<String, String> seriesOfSop = scanned == null ? seriesOfSops(wanted)
        : seriesOfSops(wanted, scanned.seriesOfSop());
    for (int id : order.values()) {
      Object[] instance = instanceOf.get(id);
      StructureSetFacts facts = factsOf.get(id);
      String rtssUid = (String) instance[I.indexOf("sop_uid")];
      structureSets.add(structureSetRow(rtssUid, instance, facts));
      String[] stored = store.roiLinks().get(id);
      String[] links = new String[facts.rois().size() * 2];
      boolean[] again = relink.get(id);
      for (int k = 0; k < again.length; k++) {
        StructureSetFacts.Roi roi = facts.rois().get(k);
        String[] link = again[k] ? link(roi, facts, series, seriesOfSop)
            : new String[] {stored[2 * k], stored[2 * k + 1]};
        links[2 * k] = link[0];
        links[2 * k + 1] = link[1];
        rois.add(roiRow(rtssUid, instance, roi, link, series));
      }
      if (!Arrays.equals(stored, links)) {
        store.roiLinks().put(id, links);
      }
    }
  }

  public static Object[] structureSetRow(String rtssUid, Object[] instance,
      StructureSetFacts facts) {
    Object[] set = new Object[SS.width()];
    set[0] = rtssUid;
    set[SS.indexOf("path")] = instance[I.indexOf("path")];
    set[SS.indexOf("series_uid")] = instance[I.indexOf("series_uid")];
    set[SS.indexOf("study_uid")] = instance[I.indexOf("study_uid")];
    set[SS.indexOf("patient_id")] = instance[I.indexOf("patient_id")];
    set[SS.indexOf("label")] = facts.label();
    set[SS.indexOf("structure_set_date")] = facts.date();
    set[SS.indexOf("referenced_series_uid")] = facts.referencedSeriesUid();
    set[SS.indexOf("roi_count")] = facts.rois().size();
    return set;
  }

  /**
   * The series of each indexed instance among these SOP Instance UIDs. Looked up in key order,
   * then rows read in id order, so that each page of the index is read once.
   */
  private Map<String, String> seriesOfSops(Set<String> sops) {
    TableStore instances = store.table(I);
    int sopColumn = I.indexOf("sop_uid");
    int seriesColumn = I.indexOf("series_uid");
    TreeMap<Integer, String> sopOfRow = new TreeMap<>();
    for (String sop : new TreeSet<>(sops)) {
      RoaringBitmap rows = instances.equal(sopColumn, sop);
      if (rows.getCardinality() > 1) {
        rows = InstanceCopies.withoutCopies(instances, rows);
      }
      if (!rows.isEmpty()) {
        sopOfRow.put(rows.first(), sop);
      }
    }
    Map<String, String> seriesOf = new HashMap<>();
    for (Map.Entry<Integer, String> entry : sopOfRow.entrySet()) {
      Object[] row = instances.get(entry.getKey(), seriesColumn + 1);
      if (row != null && row[seriesColumn] != null) {
        seriesOf.put(entry.getValue(), (String) row[seriesColumn]);
      }
    }
    return seriesOf;
  }

  /** The series of each of these SOP Instance UIDs that has an accumulator in {@code known}. */
  private static Map<String, String> seriesOfSops(Set<String> sops,
      Map<String, SeriesAccumulator> known) {
    Map<String, String> seriesOf = new HashMap<>();
    for (String sop : sops) {
      SeriesAccumulator accumulator = known.get(sop);
      if (accumulator != null) {
        seriesOf.put(sop, accumulator.seriesUid());
      }
    }
    return seriesOf;
  }

  public static Object[] roiRow(String rtssUid, Object[] instance, StructureSetFacts.Roi roi,
      String[] link, Map<String, Object[]> series) {
    Object[] row = new Object[R.width()];
    row[0] = rtssUid;
    row[R.indexOf("roi_number")] = roi.number();
    row[R.indexOf("roi_name")] = roi.name();
    row[R.indexOf("generation_algorithm")] = roi.generationAlgorithm();
    row[R.indexOf("interpreted_type")] = roi.interpretedType();
    row[R.indexOf("color")] = roi.color();
    row[R.indexOf("study_uid")] = instance[I.indexOf("study_uid")];
    row[R.indexOf("patient_id")] = instance[I.indexOf("patient_id")];
    row[R.indexOf("contour_count")] = roi.contourCount();
    row[R.indexOf("point_count")] = roi.pointCount();
    row[R.indexOf("referenced_series_uid")] = link[0];
    row[R.indexOf("reference_source")] = link[1];
    Object[] referenced = link[0] == null ? null : series.get(link[0]);
    row[R.indexOf("phase")] = referenced == null ? null : referenced[S.indexOf("phase")];
    return row;
  }

  /**
   * The series a ROI was drawn on, and how that was found: the series most of its contours'
   * images belong to, else the structure set's RT Referenced Series, else the image series of
   * the structure set's frame of reference that best covers the ROI's z range. Never the
   * ROI's own Referenced Frame of Reference UID, which real data fills with {@code 0}.
   */
  public static String[] link(StructureSetFacts.Roi roi, StructureSetFacts facts,
      Map<String, Object[]> series, Map<String, String> seriesOfSop) {
    Map<String, Integer> votes = new HashMap<>();
    for (String sop : roi.referencedSopUids()) {
      String uid = seriesOfSop.get(sop);
      if (uid != null) {
        votes.merge(uid, 1, Integer::sum);
      }
    }
    String best = null;
    for (Map.Entry<String, Integer> vote : votes.entrySet()) {
      if (best == null || vote.getValue() > votes.get(best)
          || vote.getValue().equals(votes.get(best)) && vote.getKey().compareTo(best) < 0) {
        best = vote.getKey();
      }
    }
    if (best != null) {
      return new String[] {best, BY_CONTOUR_IMAGES};
    }
    if (facts.referencedSeriesUid() != null) {
      return new String[] {facts.referencedSeriesUid(), BY_REFERENCED_SERIES};
    }
    String byFrame = byFrameOfReference(roi, facts.frameOfReferenceUid(), series);
    return byFrame == null ? new String[] {null, null}
        : new String[] {byFrame, BY_FRAME_OF_REFERENCE};
  }

  private static String byFrameOfReference(StructureSetFacts.Roi roi, String frame,
      Map<String, Object[]> series) {
    if (frame == null) {
      return null;
    }
    String best = null;
    double bestCover = -1;
    for (Object[] row : series.values()) {
      if (!frame.equals(row[S.indexOf("frame_of_reference_uid")])
          || !isImage(row)) {
        continue;
      }
      double cover = cover(roi, (Double) row[S.indexOf("z_min")], (Double) row[S.indexOf("z_max")]);
      if (cover > bestCover) {
        best = (String) row[0];
        bestCover = cover;
      }
    }
    return best;
  }

  /** How much of the ROI's z range the series spans: overlap length, plus one if it holds it. */
  private static double cover(StructureSetFacts.Roi roi, Double zMin, Double zMax) {
    if (zMin == null || zMax == null || Double.isNaN(roi.zMin())) {
      return 0;
    }
    double overlap = Math.min(zMax, roi.zMax()) - Math.max(zMin, roi.zMin());
    boolean holds = zMin <= roi.zMin() && roi.zMax() <= zMax;
    return Math.max(0, overlap) + (holds ? 1 : 0);
  }
}
