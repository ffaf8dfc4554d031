package dicomsql.engine.index;

import dicomsql.engine.raster.ImageStack;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Derives a series row from its instance rows: counts, z range, slice spacing from the
 * positions along the slice normal, the image size and spacing when all instances agree on it
 * (NULL when they do not), the earliest acquisition time, and the descriptive values of its
 * first instance.
 */
public final class SeriesAccumulator {
  private static final TableDefinition I = Tables.INSTANCES;
  private static final TableDefinition S = Tables.SERIES;
  private static final int I_INSTANCE_NUMBER = I.indexOf("instance_number");
  private static final int I_POSITION_X = I.indexOf("position_x");
  private static final int I_POSITION_Z = I.indexOf("position_z");
  private static final int I_ORIENTATION = I.indexOf("orientation");
  private static final int I_ACQUISITION_TIME = I.indexOf("acquisition_time");
  private static final int I_CONTENT_TIME = I.indexOf("content_time");
  private static final int I_SERIES_TIME = I.indexOf("series_time");
  private static final int I_SERIES_UID = I.indexOf("series_uid");
  /** Series columns filled from the same-named column of the first instance. */
  private static final String[] FROM_FIRST = {"series_uid", "study_uid", "patient_id", "modality",
      "series_number", "series_description", "body_part", "manufacturer", "model_name",
      "image_comments", "contrast_agent", "frame_of_reference_uid", "study_date", "study_time",
      "accession_number", "study_description", "patient_age", "patient_name", "birth_date", "sex"};
  /** Series columns that hold the instances' common value, or NULL when they differ. */
  private static final String[] UNIFORM = {"rows", "columns", "pixel_spacing_row",
      "pixel_spacing_col", "slice_thickness"};

  private static final int[] FIRST_FROM = columns(I, FROM_FIRST);
  private static final int[] FIRST_TO = columns(S, FROM_FIRST);
  private static final int[] UNIFORM_FROM = columns(I, UNIFORM);
  private static final int[] UNIFORM_TO = columns(S, UNIFORM);

  private Object[] first;
  private final Object[] uniform = new Object[UNIFORM.length];
  private final boolean[] mixed = new boolean[UNIFORM.length];
  private Object orientation;
  private boolean orientationMixed;
  private final List<double[]> positions = new ArrayList<>();
  private Double zMin;
  private Double zMax;
  private LocalTime acquisitionTime;
  private LocalTime contentTime;
  private int count;

  private static int[] columns(TableDefinition table, String[] names) {
    int[] positions = new int[names.length];
    for (int k = 0; k < names.length; k++) {
      positions[k] = table.indexOf(names[k]);
    }
    return positions;
  }

  public void add(Object[] instance) {
    count++;
    if (first == null || comesBefore(instance, first)) {
      first = instance;
    }
    for (int k = 0; k < UNIFORM.length; k++) {
      Object value = instance[UNIFORM_FROM[k]];
      if (count == 1) {
        uniform[k] = value;
      } else if (!Objects.equals(uniform[k], value)) {
        mixed[k] = true;
      }
    }
    // Against the first instance added, not the first by number, which may be this one.
    if (count == 1) {
      orientation = instance[I_ORIENTATION];
    } else if (!Objects.equals(instance[I_ORIENTATION], orientation)) {
      orientationMixed = true;
    }
    Double z = (Double) instance[I_POSITION_Z];
    if (z != null) {
      zMin = zMin == null ? z : Math.min(zMin, z);
      zMax = zMax == null ? z : Math.max(zMax, z);
      if (instance[I_POSITION_X] != null) {
        positions.add(new double[] {(Double) instance[I_POSITION_X],
            (Double) instance[I_POSITION_X + 1], z});
      }
    }
    acquisitionTime = earliest(acquisitionTime, (LocalTime) instance[I_ACQUISITION_TIME]);
    contentTime = earliest(contentTime, (LocalTime) instance[I_CONTENT_TIME]);
  }

  /** The Series Instance UID of the instances added (null before the first). */
  public String seriesUid() {
    return first == null ? null : (String) first[I_SERIES_UID];
  }

  /** Lower instance number first; an instance without one after those with one. */
  private static boolean comesBefore(Object[] a, Object[] b) {
    Integer x = (Integer) a[I_INSTANCE_NUMBER];
    Integer y = (Integer) b[I_INSTANCE_NUMBER];
    return x != null && (y == null || x < y);
  }

  private static LocalTime earliest(LocalTime a, LocalTime b) {
    return a == null ? b : b == null ? a : (b.isBefore(a) ? b : a);
  }

  /** The series row; phase and phase source are left for the phase rules. */
  public Object[] row() {
    Object[] row = new Object[S.width()];
    for (int k = 0; k < FIRST_FROM.length; k++) {
      row[FIRST_TO[k]] = first[FIRST_FROM[k]];
    }
    for (int k = 0; k < UNIFORM.length; k++) {
      row[UNIFORM_TO[k]] = mixed[k] ? null : uniform[k];
    }
    row[S.indexOf("slice_spacing")] = sliceSpacing();
    row[S.indexOf("z_min")] = zMin;
    row[S.indexOf("z_max")] = zMax;
    LocalTime time = acquisitionTime != null ? acquisitionTime
        : first[I_SERIES_TIME] != null ? (LocalTime) first[I_SERIES_TIME] : contentTime;
    row[S.indexOf("acquisition_time")] = time;
    row[S.indexOf("instance_count")] = count;
    return row;
  }

  /**
   * The median distance between neighbouring slices along the slice normal (duplicates
   * ignored), to 0.1 micrometre; null without a common orientation or two distinct positions.
   */
  private Double sliceSpacing() {
    double[] normal = normal((String) first[I_ORIENTATION]);
    if (normal == null || orientationMixed || positions.size() < 2) {
      return null;
    }
    double[] along = new double[positions.size()];
    for (int i = 0; i < along.length; i++) {
      double[] p = positions.get(i);
      along[i] = p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2];
    }
    Arrays.sort(along);
    double median = ImageStack.medianGap(along);
    if (Double.isNaN(median)) {
      return null;
    }
    return Math.round(median * 1e4) / 1e4;
  }

  /** The unit normal of an orientation's row and column directions, or null. */
  static double[] normal(String orientation) {
    if (orientation == null) {
      return null;
    }
    String[] parts = orientation.split("\\\\");
    if (parts.length != 6) {
      return null;
    }
    double[] v = new double[6];
    try {
      for (int i = 0; i < 6; i++) {
        v[i] = Double.parseDouble(parts[i].strip());
      }
    } catch (NumberFormatException e) {
      return null;
    }
    double[] n = {v[1] * v[5] - v[2] * v[4], v[2] * v[3] - v[0] * v[5], v[0] * v[4] - v[1] * v[3]};
    double length = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    if (length < 1e-6) {
      return null;
    }
    return new double[] {n[0] / length, n[1] / length, n[2] / length};
  }
}
