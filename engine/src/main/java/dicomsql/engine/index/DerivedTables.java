package dicomsql.engine.index;

import dicomsql.engine.phase.PhaseRules;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Rewrites the tables derived from instances and structure sets: series (with their phases),
 * studies, patients, structure sets and ROIs (linked to the series they were drawn on). These
 * are small next to the instances, so they are recomputed whole; only the series whose
 * instances changed are derived again from their instance rows.
 */
final class DerivedTables {
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
   * Rewrites every derived table. {@code changed} holds the series whose instances changed,
   * freshly accumulated (a series with no instances left maps to null); the other series keep
   * their stored rows.
   */
  void rewrite(Map<String, SeriesAccumulator> changed) {
    Map<String, Object[]> series = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
    TableStore seriesTable = store.table(S);
    for (int id : seriesTable.live()) {
      Object[] row = seriesTable.get(id);
      series.put((String) row[0], row);
    }
    for (Map.Entry<String, SeriesAccumulator> entry : changed.entrySet()) {
      if (entry.getValue() == null) {
        series.remove(entry.getKey());
      } else {
        series.put(entry.getKey(), entry.getValue().row());
      }
    }
    decidePhases(series.values());
    List<Object[]> studies = studies(series.values());
    List<Object[]> patients = patients(series.values());
    List<Object[]> structureSets = new ArrayList<>();
    List<Object[]> rois = new ArrayList<>();
    structureSetsAndRois(series, structureSets, rois);
    replace(S, series.values());
    replace(ST, studies);
    replace(P, patients);
    replace(SS, structureSets);
    replace(R, rois);
  }

  private void replace(TableDefinition table, Collection<Object[]> rows) {
    TableStore target = store.table(table);
    target.clear();
    for (Object[] row : rows) {
      target.add(row);
    }
    target.finish();
  }

  private void decidePhases(Collection<Object[]> series) {
    Map<String, List<Object[]>> byStudy = new LinkedHashMap<>();
    for (Object[] row : series) {
      byStudy.computeIfAbsent((String) row[S.indexOf("study_uid")], s -> new ArrayList<>())
          .add(row);
    }
    int phase = S.indexOf("phase");
    for (List<Object[]> study : byStudy.values()) {
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
  }

  /** Series of one study or patient in their natural order: by series number, then UID. */
  private static final Comparator<Object[]> SERIES_ORDER = Comparator
      .comparing((Object[] row) -> (Integer) row[S.indexOf("series_number")],
          Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(row -> (String) row[0], Comparator.nullsLast(Comparator.naturalOrder()));

  private static List<Object[]> studies(Collection<Object[]> series) {
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

  private static List<Object[]> patients(Collection<Object[]> series) {
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
      if (IMAGE_MODALITIES.contains(member[S.indexOf("modality")])) {
        return member;
      }
    }
    return members.get(0);
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

  private void structureSetsAndRois(Map<String, Object[]> series, List<Object[]> structureSets,
      List<Object[]> rois) {
    TableStore instances = store.table(I);
    Map<String, String> seriesOfSop = new HashMap<>();
    TreeMap<String, Object[]> orderedSets = new TreeMap<>();
    Map<String, List<Object[]>> roisBySet = new HashMap<>();
    for (Map.Entry<Integer, byte[]> entry : store.structureSets().entrySet()) {
      Object[] instance = instances.get(entry.getKey());
      if (instance == null) {
        continue;
      }
      StructureSetFacts facts = StructureSetFacts.decode(entry.getValue());
      String rtssUid = (String) instance[I.indexOf("sop_uid")];
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
      orderedSets.put(rtssUid + "\u0000" + instance[I.indexOf("path")], set);
      List<Object[]> setRois = new ArrayList<>();
      for (StructureSetFacts.Roi roi : facts.rois()) {
        setRois.add(roiRow(rtssUid, instance, facts, roi, series, seriesOfSop));
      }
      roisBySet.put(rtssUid + "\u0000" + instance[I.indexOf("path")], setRois);
    }
    for (Map.Entry<String, Object[]> entry : orderedSets.entrySet()) {
      structureSets.add(entry.getValue());
      rois.addAll(roisBySet.get(entry.getKey()));
    }
  }

  private Object[] roiRow(String rtssUid, Object[] instance, StructureSetFacts facts,
      StructureSetFacts.Roi roi, Map<String, Object[]> series, Map<String, String> seriesOfSop) {
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
    String[] link = link(roi, facts, series, seriesOfSop);
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
  private String[] link(StructureSetFacts.Roi roi, StructureSetFacts facts,
      Map<String, Object[]> series, Map<String, String> seriesOfSop) {
    Map<String, Integer> votes = new HashMap<>();
    for (String sop : roi.referencedSopUids()) {
      String uid = seriesOfSop.computeIfAbsent(sop, this::seriesOfSop);
      if (!uid.isEmpty()) {
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

  /** The series of the instance with this SOP Instance UID, or "" when none is indexed. */
  private String seriesOfSop(String sopUid) {
    TableStore instances = store.table(I);
    RoaringBitmap rows = instances.equal(I.indexOf("sop_uid"), sopUid);
    if (rows.isEmpty()) {
      return "";
    }
    Object[] row = instances.get(rows.first(), I.indexOf("series_uid") + 1);
    String uid = (String) row[I.indexOf("series_uid")];
    return uid == null ? "" : uid;
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
          || !IMAGE_MODALITIES.contains(row[S.indexOf("modality")])) {
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
