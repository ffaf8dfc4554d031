package dicomsql.engine.raster;

import java.io.IOException;
import org.roaringbitmap.RoaringBitmap;

/** Reads the pixel values of an image as modality values (Hounsfield units for CT). */
@FunctionalInterface
public interface SliceSource {
  /** The values of these pixels ({@code row * columns + col}), in ascending pixel order. */
  float[] values(ImagePlane plane, RoaringBitmap pixels) throws IOException;
}
