package dicomsql.engine.raster;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.ImagePixelModule;
import dicomsql.engine.dicom.PixelData;
import dicomsql.engine.dicom.Tag;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes images under a data root, keeping the most recently used ones up to a memory budget
 * so that several ROIs on the same slices, or several statistics of one ROI, decode each image
 * once. Native and RLE pixel data are decoded; other compressed pixel data is refused with a
 * message that names the file and its transfer syntax. Safe to use from several threads.
 */
public final class DecodedSlices implements SliceSource {
  private final Path dataRoot;
  private final long budgetBytes;
  private final Map<String, DecodedImage> recent = new LinkedHashMap<>(16, 0.75f, true);
  private long heldBytes;

  public DecodedSlices(Path dataRoot, long budgetBytes) {
    this.dataRoot = dataRoot;
    this.budgetBytes = budgetBytes;
  }

  @Override
  public float[] values(ImagePlane plane) throws IOException {
    return image(plane).values();
  }

  /** The image of this plane, decoded and rescaled. */
  public synchronized DecodedImage image(ImagePlane plane) throws IOException {
    DecodedImage image = recent.get(plane.path());
    if (image == null) {
      image = decode(plane);
      recent.put(plane.path(), image);
      heldBytes += 4L * image.values().length;
      var eldest = recent.entrySet().iterator();
      while (heldBytes > budgetBytes && recent.size() > 1) {
        heldBytes -= 4L * eldest.next().getValue().values().length;
        eldest.remove();
      }
    }
    return image;
  }

  private DecodedImage decode(ImagePlane plane) throws IOException {
    Path file = dataRoot.resolve(plane.path());
    PixelData pixels = PixelData.read(file);
    ImagePixelModule module = pixels.module();
    String problem = null;
    if (module.numberOfFrames() != 1) {
      problem = "has " + module.numberOfFrames() + " frames; only single-frame images are read";
    } else if (!module.photometricInterpretation().startsWith("MONOCHROME")) {
      problem = "is " + module.photometricInterpretation() + ", not a greyscale image";
    } else if (module.rows() != plane.rows() || module.columns() != plane.columns()) {
      problem = "has " + module.rows() + "x" + module.columns() + " pixels, not the "
          + plane.rows() + "x" + plane.columns() + " the index holds; refresh the index";
    }
    if (problem != null) {
      throw new DicomException("the image " + problem).inFile(plane.path());
    }
    float[] values = pixels.rescaledFrame(0, null);
    return new DecodedImage(module.rows(), module.columns(), values, window(pixels.dataSet()),
        module.photometricInterpretation().equals("MONOCHROME1"));
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
