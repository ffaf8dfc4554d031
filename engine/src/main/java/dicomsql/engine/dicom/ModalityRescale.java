package dicomsql.engine.dicom;

import java.util.List;

/**
 * The modality rescale of a frame (PS3.3 C.11.1.1.2), stored value × slope + intercept, which
 * gives Hounsfield units for CT. Enhanced multi-frame objects keep it in functional groups, per
 * frame or shared; other objects in the top-level Rescale Slope and Intercept (defaults 1, 0).
 */
public record ModalityRescale(double slope, double intercept) {
  public static final ModalityRescale IDENTITY = new ModalityRescale(1, 0);

  /** The rescale of the first (or only) frame. */
  public static ModalityRescale of(DataSet dataSet) throws DicomException {
    return of(dataSet, 0);
  }

  /**
   * The rescale of frame {@code index} (from 0). A Modality LUT Sequence without rescale
   * attributes is refused: treating it as the identity would give wrong values.
   */
  public static ModalityRescale of(DataSet dataSet, int index) throws DicomException {
    List<DataSet> perFrame = dataSet.getSequence(Tag.PerFrameFunctionalGroupsSequence);
    ModalityRescale rescale = index < perFrame.size() ? inGroup(perFrame.get(index)) : null;
    List<DataSet> shared = dataSet.getSequence(Tag.SharedFunctionalGroupsSequence);
    if (rescale == null && !shared.isEmpty()) {
      rescale = inGroup(shared.get(0));
    }
    if (rescale == null) {
      rescale = inAttributes(dataSet);
    }
    if (rescale == null && dataSet.contains(Tag.ModalityLUTSequence)) {
      throw new DicomException("a Modality LUT Sequence is not supported", -1,
          Tag.ModalityLUTSequence);
    }
    return rescale == null ? IDENTITY : rescale;
  }

  private static ModalityRescale inGroup(DataSet group) throws DicomException {
    List<DataSet> items = group.getSequence(Tag.PixelValueTransformationSequence);
    return items.isEmpty() ? null : inAttributes(items.get(0));
  }

  /** Rescale Slope and Intercept with their defaults, or null when both are missing. */
  private static ModalityRescale inAttributes(DataSet dataSet) throws DicomException {
    Double slope = number(dataSet, Tag.RescaleSlope, "Rescale Slope");
    Double intercept = number(dataSet, Tag.RescaleIntercept, "Rescale Intercept");
    if (slope == null && intercept == null) {
      return null;
    }
    return new ModalityRescale(slope == null ? 1 : slope, intercept == null ? 0 : intercept);
  }

  private static Double number(DataSet dataSet, int tag, String name) throws DicomException {
    String text = dataSet.getString(tag);
    if (text == null) {
      return null;
    }
    Double value = dataSet.getDouble(tag);
    if (value == null || !Double.isFinite(value)) {
      throw new DicomException(name + " '" + text + "' is not a number", -1, tag);
    }
    return value;
  }

  /**
   * Rescales the stored values of one frame (the first {@link ImagePixelModule#samplesPerFrame()}
   * of {@code stored}) into {@code into} when it is long enough, else into a new array.
   */
  public float[] apply(ImagePixelModule module, int[] stored, float[] into) {
    return apply(module, stored, module.samplesPerFrame(), into);
  }

  /** Rescales the first {@code count} stored values of {@code stored}, as above. */
  public float[] apply(ImagePixelModule module, int[] stored, int count, float[] into) {
    float[] out = into != null && into.length >= count ? into : new float[count];
    if (module.isUnsigned32Bit()) {
      for (int i = 0; i < count; i++) {
        out[i] = (float) (Integer.toUnsignedLong(stored[i]) * slope + intercept);
      }
    } else {
      for (int i = 0; i < count; i++) {
        out[i] = (float) (stored[i] * slope + intercept);
      }
    }
    return out;
  }
}
