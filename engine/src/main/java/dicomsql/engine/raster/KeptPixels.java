package dicomsql.engine.raster;

/**
 * What a {@link DecodedSlices} keeps in its cache: decoded images, and the multi-frame files it
 * read whole, so that their other frames are decoded without reading the file again. Both
 * count against one budget.
 */
public sealed interface KeptPixels permits DecodedImage, HeldFile {
  /** Roughly the bytes it takes in memory. */
  long bytes();
}
