package dicomsql.engine.raster;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.ReadOptions;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Path;
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
}
