package dicomsql.engine.raster;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.PathText;
import dicomsql.engine.dicom.ReadOptions;
import dicomsql.engine.dicom.Tag;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The planes of the frames of an enhanced multi-frame image, each frame a slice of its own:
 * Plane Position (Patient), Plane Orientation (Patient) and Pixel Measures (PS3.3 C.7.6.16.2)
 * from the frame's Per-frame Functional Groups item, or from the Shared Functional Groups where
 * the frame's item has none. A frame without a full geometry has no plane, as a single-frame
 * image without one has none.
 */
public final class FramePlanes {
  /** The image SOP classes that keep their geometry in functional groups. */
  public static final Set<String> ENHANCED_IMAGE_CLASSES = Set.of(
      "1.2.840.10008.5.1.4.1.1.2.1", // Enhanced CT Image Storage
      "1.2.840.10008.5.1.4.1.1.2.2", // Legacy Converted Enhanced CT Image Storage
      "1.2.840.10008.5.1.4.1.1.4.1", // Enhanced MR Image Storage
      "1.2.840.10008.5.1.4.1.1.4.4", // Legacy Converted Enhanced MR Image Storage
      "1.2.840.10008.5.1.4.1.1.130", // Enhanced PET Image Storage
      "1.2.840.10008.5.1.4.1.1.128.1"); // Legacy Converted Enhanced PET Image Storage

  private FramePlanes() {}

  /** Reads the header of the image at {@code path} (under {@code dataRoot}) for its frames. */
  public static List<ImagePlane> read(Path dataRoot, String sopUid, String path)
      throws IOException {
    DataSet header;
    try {
      header = DataSet.read(PathText.resolve(dataRoot, path), ReadOptions.stopBeforePixelData());
    } catch (DicomException e) {
      throw e.inFile(path);
    }
    return of(sopUid, path, header);
  }

  /** The planes of the frames of {@code image}, in frame order. */
  public static List<ImagePlane> of(String sopUid, String path, DataSet image) {
    Integer rows = image.getInt(Tag.Rows);
    Integer columns = image.getInt(Tag.Columns);
    Integer frames = image.getInt(Tag.NumberOfFrames);
    if (rows == null || columns == null || frames == null) {
      return List.of();
    }
    List<DataSet> perFrame = image.getSequence(Tag.PerFrameFunctionalGroupsSequence);
    List<DataSet> sharedItems = image.getSequence(Tag.SharedFunctionalGroupsSequence);
    DataSet shared = sharedItems.isEmpty() ? new DataSet() : sharedItems.get(0);
    List<ImagePlane> planes = new ArrayList<>();
    for (int frame = 0; frame < frames; frame++) {
      DataSet own = frame < perFrame.size() ? perFrame.get(frame) : new DataSet();
      double[] position = values(own, shared, Tag.PlanePositionSequence,
          Tag.ImagePositionPatient, 3);
      double[] cosines = values(own, shared, Tag.PlaneOrientationSequence,
          Tag.ImageOrientationPatient, 6);
      DataSet measures = macro(own, shared, Tag.PixelMeasuresSequence);
      double[] spacing = measures == null ? null : exactly(measures, Tag.PixelSpacing, 2);
      if (position == null || cosines == null || spacing == null) {
        continue;
      }
      Double thickness = measures.getDouble(Tag.SliceThickness);
      try {
        planes.add(new ImagePlane(sopUid, path, rows, columns, position,
            new double[] {cosines[0], cosines[1], cosines[2]},
            new double[] {cosines[3], cosines[4], cosines[5]}, spacing[0], spacing[1],
            thickness == null ? Double.NaN : thickness, frame + 1));
      } catch (IllegalArgumentException e) {
        // An orientation that is not two perpendicular unit vectors, or no positive spacing:
        // the frame has no usable geometry.
      }
    }
    return planes;
  }

  /** The first item of a functional group macro, the frame's own before the shared one. */
  private static DataSet macro(DataSet own, DataSet shared, int sequence) {
    List<DataSet> items = own.getSequence(sequence);
    if (items.isEmpty()) {
      items = shared.getSequence(sequence);
    }
    return items.isEmpty() ? null : items.get(0);
  }

  private static double[] values(DataSet own, DataSet shared, int sequence, int tag,
      int count) {
    DataSet macro = macro(own, shared, sequence);
    return macro == null ? null : exactly(macro, tag, count);
  }

  private static double[] exactly(DataSet dataSet, int tag, int count) {
    double[] values = dataSet.getDoubles(tag);
    return values != null && values.length == count ? values : null;
  }
}
