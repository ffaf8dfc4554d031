package dicomsql.engine.raster;

import java.io.IOException;

/** Decodes the pixel values of an image as modality values (Hounsfield units for CT). */
@FunctionalInterface
public interface SliceSource {
  /** The image's values row by row, {@code rows * columns} of them. */
  float[] values(ImagePlane plane) throws IOException;
}
