package dicomsql.engine.raster;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.ImagePixelModule;
import dicomsql.engine.dicom.PathText;
import dicomsql.engine.dicom.PixelData;
import dicomsql.engine.dicom.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Decodes images under a data root: whole images (for pictures) kept while they fit a memory
 * budget, and the pixels under a mask, of which native pixel data reads from the file (in place)
 * and decodes only the stretch of rows the mask spans. Compressed pixel data is decoded as
 * {@link PixelData} can, whole frames; what it cannot is refused with a message that names the
 * file and its transfer syntax. A multi-frame file whose pixel data cannot be read in place is
 * read once and kept within the same budget ({@link HeldFile}), so that a series stored as one
 * compressed enhanced image is not read again for each frame. Safe to use from several threads.
 */
public final class DecodedSlices implements SliceSource {
  private final Path dataRoot;
  private final WeighedCache<Object, KeptPixels> recent;
  private final Object version;

  /** Whole images kept within a budget of bytes of their own. */
  public DecodedSlices(Path dataRoot, long budgetBytes) {
    this(dataRoot, images(budgetBytes), "");
  }

  /**
   * Whole images kept in a cache that others may share, under keys of {@code version} (which
   * tells apart the versions of the files under {@code dataRoot} that the sharers read) and
   * the image's path.
   */
  public DecodedSlices(Path dataRoot, WeighedCache<Object, KeptPixels> images,
      Object version) {
    this.dataRoot = dataRoot;
    this.recent = images;
    this.version = version;
  }

  /** A cache of whole images and held files, weighed by their bytes. */
  public static WeighedCache<Object, KeptPixels> images(long budgetBytes) {
    return new WeighedCache<>(budgetBytes, KeptPixels::bytes);
  }

  @Override
  public float[] values(ImagePlane plane, RoaringBitmap pixels) throws IOException {
    float[] values = new float[pixels.getCardinality()];
    if (values.length == 0) {
      return values;
    }
    DecodedImage whole = recent.get(key(plane)) instanceof DecodedImage image ? image : null;
    int first = pixels.first();
    float[] region;
    if (whole != null) {
      region = whole.values();
    } else {
      PixelData data = read(plane);
      synchronized (data) {
        region = data.rescaledPixels(plane.frameIndex(), first, pixels.last() - first + 1, null);
      }
    }
    int offset = whole != null ? 0 : first;
    int next = 0;
    for (IntIterator pixel = pixels.getIntIterator(); pixel.hasNext(); ) {
      values[next++] = region[pixel.next() - offset];
    }
    return values;
  }

  /**
   * The image of this plane, decoded and rescaled. Decoded outside the lock, so that threads
   * decode different images at once (and seldom the same one twice).
   */
  public DecodedImage image(ImagePlane plane) throws IOException {
    Object key = key(plane);
    return recent.get(key) instanceof DecodedImage kept ? kept : put(key, decode(plane));
  }

  private DecodedImage put(Object key, DecodedImage image) {
    recent.put(key, image);
    return image;
  }

  /** Images are kept by the version of the files, path and frame. */
  private Object key(ImagePlane plane) {
    return List.of(version, plane.path(), plane.frameNumber());
  }

  private DecodedImage decode(ImagePlane plane) throws IOException {
    PixelData pixels = read(plane);
    ImagePixelModule module = pixels.module();
    float[] values;
    synchronized (pixels) {
      values = pixels.rescaledFrame(plane.frameIndex(), null);
    }
    return new DecodedImage(module.rows(), module.columns(), values, window(pixels.dataSet()),
        module.photometricInterpretation().equals("MONOCHROME1"));
  }

  /**
   * The pixel data of an image, checked to be greyscale, of the size the index says, and to
   * have the plane's frame: one frame for the plane of a single-frame image.
   */
  private PixelData read(ImagePlane plane) throws IOException {
    Object fileKey = List.of(version, plane.path());
    PixelData pixels = plane.frameNumber() > 0 && recent.get(fileKey) instanceof HeldFile held
        ? held.pixels() : null;
    if (pixels == null) {
      Path file = PathText.resolve(dataRoot, plane.path());
      pixels = PixelData.open(file);
      if (plane.frameNumber() > 0 && !pixels.readsInPlace()) {
        recent.put(fileKey, new HeldFile(pixels, Files.size(file)));
      }
    }
    ImagePixelModule module = pixels.module();
    String problem = null;
    if (plane.frameNumber() == 0 && module.numberOfFrames() != 1) {
      problem = "has " + module.numberOfFrames() + " frames but is not an enhanced multi-frame "
          + "image, whose frames' positions say where each lies";
    } else if (plane.frameNumber() > module.numberOfFrames()) {
      problem = "has " + module.numberOfFrames() + " frames, not frame " + plane.frameNumber()
          + "; refresh the index";
    } else if (!module.photometricInterpretation().startsWith("MONOCHROME")) {
      problem = "is " + module.photometricInterpretation() + ", not a greyscale image";
    } else if (module.rows() != plane.rows() || module.columns() != plane.columns()) {
      problem = "has " + module.rows() + "x" + module.columns() + " pixels, not the "
          + plane.rows() + "x" + plane.columns() + " the index holds; refresh the index";
    }
    if (problem != null) {
      throw new DicomException("the image " + problem).inFile(plane.path());
    }
    return pixels;
  }

  /** The first window the image names, or null. */
  private static Window window(DataSet dataSet) {
    double[] centers = dataSet.getDoubles(Tag.WindowCenter);
    double[] widths = dataSet.getDoubles(Tag.WindowWidth);
    if (centers == null || widths == null || centers.length == 0 || widths.length == 0
        || !(widths[0] >= 1) || !Double.isFinite(centers[0])) {
      return null;
    }
    return new Window(centers[0], widths[0]);
  }
}
