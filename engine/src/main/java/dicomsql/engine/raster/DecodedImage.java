package dicomsql.engine.raster;

/**
 * A greyscale image's modality values (Hounsfield units for CT) row by row, with what is needed
 * to show it: its own window, when it names one, and whether low values are white
 * (MONOCHROME1).
 */
public record DecodedImage(int rows, int columns, float[] values, Window window,
    boolean invertedGrey) implements KeptPixels {
  @Override
  public long bytes() {
    return 4L * values.length;
  }
}
