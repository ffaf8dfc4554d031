package dicomsql.engine.raster;

/**
 * A VOI window (PS3.3 C.11.2.1.2): which modality values map to black through white. Applied
 * with the standard's linear function, so a window read from a file shows as a DICOM viewer
 * shows it.
 */
public record Window(double center, double width) {
  /** Soft tissue of the abdomen, for images that name no window of their own. */
  public static final Window ABDOMEN = new Window(40, 400);

  public Window {
    if (!(width >= 1)) {
      throw new IllegalArgumentException("a window needs a width of at least 1, not " + width);
    }
  }

  /** The grey level, 0 to 255, of a modality value. */
  public int grey(double value) {
    double low = center - 0.5 - (width - 1) / 2;
    double high = center - 0.5 + (width - 1) / 2;
    if (value <= low) {
      return 0;
    }
    if (value > high) {
      return 255;
    }
    return (int) Math.round(((value - (center - 0.5)) / (width - 1) + 0.5) * 255);
  }
}
