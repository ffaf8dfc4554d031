package dicomsql.engine.raster;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.VR;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames' geometry from functional groups: a frame's own macro before the shared one, and no
 * plane for a frame without a full geometry. That the planes place pixels as the classic slices
 * they were made from is checked end to end in EnhancedCtRasterTest (jdbc).
 */
class FramePlanesTest {
  private static DataSet image(int frames) {
    DataSet image = new DataSet();
    image.putInt(Tag.Rows, VR.US, 4);
    image.putInt(Tag.Columns, VR.US, 6);
    image.putString(Tag.NumberOfFrames, VR.IS, String.valueOf(frames));
    DataSet shared = image.addItem(Tag.SharedFunctionalGroupsSequence);
    shared.addItem(Tag.PixelMeasuresSequence).putString(Tag.PixelSpacing, VR.DS, "0.5", "0.75")
        .putString(Tag.SliceThickness, VR.DS, "2.5");
    shared.addItem(Tag.PlaneOrientationSequence)
        .putString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
    return image;
  }

  private static DataSet frame(DataSet image, String z) {
    DataSet frame = image.addItem(Tag.PerFrameFunctionalGroupsSequence);
    if (z != null) {
      frame.addItem(Tag.PlanePositionSequence)
          .putString(Tag.ImagePositionPatient, VR.DS, "-10", "-20", z);
    }
    return frame;
  }

  @Test
  void eachFrameIsAPlaneAtItsOwnPositionWithTheSharedOrientationAndMeasures() {
    DataSet image = image(3);
    frame(image, "5");
    frame(image, "7.5");
    frame(image, "10");
    List<ImagePlane> planes = FramePlanes.of("1.2.3", "a/b.dcm", image);
    assertThat(planes).extracting(ImagePlane::frameNumber).containsExactly(1, 2, 3);
    assertThat(planes).extracting(plane -> plane.origin()[2]).containsExactly(5.0, 7.5, 10.0);
    assertThat(planes).allSatisfy(plane -> {
      assertThat(plane.rows()).isEqualTo(4);
      assertThat(plane.columns()).isEqualTo(6);
      assertThat(plane.rowSpacing()).isEqualTo(0.5);
      assertThat(plane.columnSpacing()).isEqualTo(0.75);
      assertThat(plane.thickness()).isEqualTo(2.5);
      assertThat(plane.normal()[2]).isEqualTo(1.0);
    });
    assertThat(planes.get(1).frameIndex()).isEqualTo(1);
  }

  @Test
  void aFramesOwnMacroComesBeforeTheSharedOne() {
    DataSet image = image(2);
    frame(image, "5");
    frame(image, "5").addItem(Tag.PlaneOrientationSequence)
        .putString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "0", "-1");
    List<ImagePlane> planes = FramePlanes.of("1.2.3", "a/b.dcm", image);
    assertThat(planes.get(0).normal()[2]).isEqualTo(1.0);
    assertThat(planes.get(1).normal()[1]).isEqualTo(1.0);
  }

  @Test
  void aFrameWithoutAPositionHasNoPlane() {
    DataSet image = image(3);
    frame(image, "5");
    frame(image, null);
    List<ImagePlane> planes = FramePlanes.of("1.2.3", "a/b.dcm", image);
    assertThat(planes).extracting(ImagePlane::frameNumber).containsExactly(1);
  }

  @Test
  void anImageWithoutFramesHasNoPlanes() {
    DataSet image = image(1);
    image.remove(Tag.NumberOfFrames);
    assertThat(FramePlanes.of("1.2.3", "a/b.dcm", image)).isEmpty();
  }
}
