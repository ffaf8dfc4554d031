package dicomsql.engine.raster;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomWriter;
import dicomsql.engine.dicom.ReadOptions;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.TransferSyntax;
import dicomsql.engine.dicom.VR;
import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class DecodedSlicesTest {
  @TempDir
  Path tmp;

  @Test
  void pixelsUnderAMaskAreThoseOfTheWholeImage() throws Exception {
    new DatasetGenerator(new SynthOptions(1, 9, 48, 4, 1)).generate(tmp,
        DatasetGenerator.Listener.NONE);
    String file = "HCC_0001/2/002.dcm";
    DataSet header = DataSet.read(tmp.resolve(file), ReadOptions.stopBeforePixelData());
    ImagePlane plane = new ImagePlane(header.getString(Tag.SOPInstanceUID), file, 48, 48,
        new double[3], new double[] {1, 0, 0}, new double[] {0, 1, 0}, 1, 1, 5);
    float[] whole = new DecodedSlices(tmp, 1 << 20).image(plane).values();
    RoaringBitmap mask = RoaringBitmap.bitmapOf(100, 101, 150, 47 * 48 + 5);
    mask.add(600L, 640L);
    float[] inside = new DecodedSlices(tmp, 1 << 20).values(plane, mask);
    assertThat(inside).hasSize(mask.getCardinality());
    int k = 0;
    for (int pixel : mask) {
      assertThat(inside[k++]).as("pixel %d", pixel).isEqualTo(whole[pixel]);
    }
  }

  /** Frames of 2x3 pixels: frame f (from 1), pixel p hold the stored value 100 f + p. */
  private static final int FRAMES = 3;
  private static final RoaringBitmap EVERY_PIXEL = RoaringBitmap.bitmapOfRange(0, 6);

  @Test
  void aCompressedMultiFrameFileIsReadOnceForAllItsFrames() throws Exception {
    writeFrames("frames.dcm");
    DecodedSlices slices = new DecodedSlices(tmp, 1 << 20);
    assertThat(slices.values(frame("frames.dcm", 1), EVERY_PIXEL)).containsExactly(hu(1));
    Files.delete(tmp.resolve("frames.dcm"));
    for (int f = 1; f <= FRAMES; f++) {
      assertThat(slices.values(frame("frames.dcm", f), EVERY_PIXEL)).containsExactly(hu(f));
    }
  }

  @Test
  void heldFilesStayWithinTheBudget() throws Exception {
    writeFrames("a.dcm");
    writeFrames("b.dcm");
    DecodedSlices slices = new DecodedSlices(tmp, 1);
    slices.values(frame("a.dcm", 1), EVERY_PIXEL);
    assertThat(slices.values(frame("b.dcm", 2), EVERY_PIXEL)).containsExactly(hu(2));
    Files.delete(tmp.resolve("a.dcm"));
    assertThatThrownBy(() -> slices.values(frame("a.dcm", 2), EVERY_PIXEL))
        .isInstanceOf(NoSuchFileException.class);
  }

  private void writeFrames(String name) throws IOException {
    DataSet ds = new DataSet();
    ds.putString(Tag.SOPClassUID, VR.UI, FramePlanes.ENHANCED_IMAGE_CLASSES.iterator().next());
    ds.putString(Tag.SOPInstanceUID, VR.UI, "2.25.9");
    ds.putInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.putString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.putInt(Tag.NumberOfFrames, VR.IS, FRAMES);
    ds.putInt(Tag.Rows, VR.US, 2);
    ds.putInt(Tag.Columns, VR.US, 3);
    ds.putInt(Tag.BitsAllocated, VR.US, 16);
    ds.putInt(Tag.BitsStored, VR.US, 16);
    ds.putInt(Tag.HighBit, VR.US, 15);
    ds.putInt(Tag.PixelRepresentation, VR.US, 0);
    ds.putDouble(Tag.RescaleIntercept, VR.DS, -1024);
    ds.putDouble(Tag.RescaleSlope, VR.DS, 1);
    List<byte[]> fragments = new ArrayList<>(List.of(new byte[0]));
    for (int f = 1; f <= FRAMES; f++) {
      byte[] frame = new byte[12];
      for (int p = 0; p < 6; p++) {
        frame[2 * p] = (byte) (100 * f + p);
        frame[2 * p + 1] = (byte) ((100 * f + p) >> 8);
      }
      fragments.add(frame);
    }
    ds.putFragments(Tag.PixelData, VR.OB, fragments);
    new DicomWriter().write(tmp.resolve(name), ds, TransferSyntax.ENCAPSULATED_UNCOMPRESSED);
  }

  private static ImagePlane frame(String name, int frameNumber) {
    return new ImagePlane("2.25.9", name, 2, 3, new double[] {0, 0, frameNumber},
        new double[] {1, 0, 0}, new double[] {0, 1, 0}, 1, 1, 1, frameNumber);
  }

  private static float[] hu(int frame) {
    float[] values = new float[6];
    for (int p = 0; p < 6; p++) {
      values[p] = 100 * frame + p - 1024;
    }
    return values;
  }
}
