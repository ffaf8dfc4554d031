package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomWriter;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.TransferSyntax;
import dicomsql.engine.dicom.VR;
import dicomsql.engine.raster.ImagePlane;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.IntIterator;

/**
 * Planes read with only their columns decoded, an orientation parsed once while it repeats,
 * are the planes of the whole rows, whatever order orientations and missing ones come in.
 */
class InstancePlanesTest {
  @TempDir
  Path tmp;

  private static final String AXIAL = "1\\0\\0\\0\\1\\0";
  private static final String SAGITTAL = "0\\1\\0\\0\\0\\-1";

  private static DataSet instance(String sop, String orientation, double z) {
    DataSet ds = new DataSet();
    ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
    ds.putString(Tag.SOPInstanceUID, VR.UI, sop);
    ds.putString(Tag.StudyInstanceUID, VR.UI, "9.1");
    ds.putString(Tag.SeriesInstanceUID, VR.UI, "9.1.1");
    ds.putString(Tag.Modality, VR.CS, "CT");
    ds.putDouble(Tag.SliceThickness, VR.DS, 2.5);
    ds.putDouble(Tag.ImagePositionPatient, VR.DS, -10, 4, z);
    if (orientation != null) {
      ds.putString(Tag.ImageOrientationPatient, VR.DS, orientation.split("\\\\"));
    }
    ds.putInt(Tag.Rows, VR.US, 4);
    ds.putInt(Tag.Columns, VR.US, 6);
    ds.putDouble(Tag.PixelSpacing, VR.DS, 0.5, 0.75);
    return ds;
  }

  @Test
  void planesAreThoseOfTheWholeRows() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    DicomWriter writer = new DicomWriter();
    String[] orientations = {AXIAL, AXIAL, SAGITTAL, null, SAGITTAL, AXIAL};
    for (int i = 0; i < orientations.length; i++) {
      writer.write(data.resolve(i + ".dcm"), instance("1." + i, orientations[i], i * 2.0),
          TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }
    try (DicomIndex index = DicomIndex.open(data,
        IndexOptions.defaults().withFolder(tmp.resolve("index")))) {
      IndexTable instances = index.table("instances");
      InstancePlanes reader = new InstancePlanes(instances);
      int planes = 0;
      for (IntIterator id = instances.all().getIntIterator(); id.hasNext(); ) {
        int next = id.next();
        ImagePlane expected = RasterRows.plane(instances.row(next));
        ImagePlane actual = reader.plane(reader.row(next));
        if (expected == null) {
          assertThat(actual).isNull();
        } else {
          planes++;
          assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        }
      }
      assertThat(planes).isEqualTo(5);
    }
  }
}
