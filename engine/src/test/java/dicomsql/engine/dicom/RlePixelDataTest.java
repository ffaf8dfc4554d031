package dicomsql.engine.dicom;

import static dicomsql.engine.dicom.ImageDataSets.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RlePixelDataTest {
  private static final TransferSyntax RLE = TransferSyntax.RLE_LOSSLESS;

  /** An RLE frame: the 64-byte header for these segments, then the segments. */
  private static byte[] frame(byte[]... segments) {
    int length = 64;
    for (byte[] segment : segments) {
      length += segment.length;
    }
    byte[] frame = new byte[length];
    Bytes.putIntLE(frame, 0, segments.length);
    int at = 64;
    for (int i = 0; i < segments.length; i++) {
      Bytes.putIntLE(frame, 4 + 4 * i, at);
      System.arraycopy(segments[i], 0, frame, at, segments[i].length);
      at += segments[i].length;
    }
    return frame;
  }

  private static PixelData pixels(DataSet image, byte[]... frames) throws DicomException {
    List<byte[]> items = new ArrayList<>();
    items.add(new byte[0]);
    items.addAll(Arrays.asList(frames));
    image.putInt(Tag.NumberOfFrames, VR.IS, frames.length);
    image.putFragments(Tag.PixelData, VR.OB, items);
    return PixelData.of(image, RLE);
  }

  private static DataSet bytes4x4() {
    return ImageDataSets.monochrome(4, 4, 8, 8, 7, false);
  }

  @Test
  void decodesLiteralAndRepeatRunsAcrossRowsAndSkipsNoOps() throws Exception {
    byte[] segment = bytes(
        0, 9, // literal of 1
        -5, 7, // 6 repeats, crossing into row 2
        -128, // no-op
        2, 1, 2, 3, // literal of 3
        -5, 0); // 6 repeats to the end
    int[] values = pixels(bytes4x4(), frame(segment)).frame(0);
    assertThat(values).containsExactly(9, 7, 7, 7, 7, 7, 7, 1, 2, 3, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void decodesTheLongestRunsOfBothKinds() throws Exception {
    byte[] segment = new byte[1 + 128 + 2];
    segment[0] = 127;
    for (int i = 0; i < 128; i++) {
      segment[1 + i] = (byte) i;
    }
    segment[129] = -127;
    segment[130] = (byte) 200;
    int[] values = pixels(ImageDataSets.monochrome(16, 16, 8, 8, 7, false), frame(segment))
        .frame(0);
    for (int i = 0; i < 128; i++) {
      assertThat(values[i]).isEqualTo(i);
      assertThat(values[128 + i]).isEqualTo(200);
    }
  }

  @Test
  void combinesByteSegmentsMostSignificantFirstAndDropsGarbageBits() throws Exception {
    DataSet image = ImageDataSets.monochrome(1, 4, 16, 12, 11, true);
    byte[] high = bytes(3, 0xF8, 0x07, 0xAF, 0x50);
    byte[] low = bytes(3, 0x00, 0xFF, 0xFF, 0x01);
    assertThat(pixels(image, frame(high, low)).frame(0)).containsExactly(-2048, 2047, -1, 1);
  }

  @Test
  void decodes32BitSamplesFromFourSegments() throws Exception {
    DataSet image = ImageDataSets.monochrome(1, 2, 32, 32, 31, false);
    byte[] frame = frame(bytes(1, 0x89, 0x01), bytes(1, 0xAB, 0x02), bytes(1, 0xCD, 0x03),
        bytes(1, 0xEF, 0x04));
    assertThat(pixels(image, frame).frame(0)).containsExactly(0x89ABCDEF, 0x01020304);
  }

  @Test
  void putsTheSamplesOfAPixelTogether() throws Exception {
    byte[] red = bytes(-1, 10);
    byte[] green = bytes(1, 20, 21);
    byte[] blue = bytes(-1, 30);
    PixelData pixels = pixels(ImageDataSets.rgb(1, 2, 1), frame(red, green, blue),
        frame(blue, red, green));
    assertThat(pixels.frame(0)).containsExactly(10, 20, 30, 10, 21, 30);
    assertThat(pixels.frame(1)).containsExactly(30, 10, 20, 30, 10, 21);
  }

  @Test
  void ignoresBytesBeyondTheFramesPixels() throws Exception {
    byte[] segment = bytes(-19, 5, 0);
    assertThat(pixels(bytes4x4(), frame(segment)).frame(0)).containsOnly(5).hasSize(16);
  }

  @Test
  void refusesATruncatedSegment() throws Exception {
    PixelData pixels = pixels(bytes4x4(), frame(bytes(-9, 5, 1, 1, 2)));
    assertThatThrownBy(() -> pixels.frame(0))
        .isInstanceOf(DicomException.class)
        .hasMessage("RLE segment 1 of frame 1 decodes to 12 bytes, not the 16 of 4x4 pixels"
            + " inside (7FE0,0010)");
  }

  @Test
  void refusesALiteralRunPastTheSegmentsEnd() throws Exception {
    PixelData pixels = pixels(bytes4x4(), frame(bytes(-9, 5, 7, 1, 2)));
    assertThatThrownBy(() -> pixels.frame(0)).hasMessageStartingWith(
        "RLE segment 1 of frame 1 has a literal run of 8 bytes at byte 66 that passes the"
            + " segment's end at byte 69");
  }

  @Test
  void refusesARepeatRunWithoutItsByte() throws Exception {
    PixelData pixels = pixels(bytes4x4(), frame(bytes(-9, 5, -3)));
    assertThatThrownBy(() -> pixels.frame(0)).hasMessageStartingWith(
        "RLE segment 1 of frame 1 has a repeat run at byte 66 without the byte to repeat");
  }

  @Test
  void refusesSegmentOffsetsOutsideTheFrame() throws Exception {
    byte[] frame = frame(bytes(-15, 1), bytes(-15, 2));
    Bytes.putIntLE(frame, 8, 5000);
    PixelData pixels = pixels(ImageDataSets.monochrome(4, 4, 16, 16, 15, false), frame);
    assertThatThrownBy(() -> pixels.frame(0)).hasMessageStartingWith(
        "RLE segment 2 of frame 1 starts at byte 5000, outside bytes 64 to 68 of the frame");
  }

  @Test
  void refusesSegmentOffsetsThatGoBackwards() throws Exception {
    byte[] frame = frame(bytes(-15, 1), bytes(-15, 2));
    Bytes.putIntLE(frame, 4, 66);
    Bytes.putIntLE(frame, 8, 64);
    PixelData pixels = pixels(ImageDataSets.monochrome(4, 4, 16, 16, 15, false), frame);
    assertThatThrownBy(() -> pixels.frame(0)).hasMessageStartingWith(
        "RLE segment 2 of frame 1 starts at byte 64, outside bytes 66 to 68 of the frame");
  }

  @Test
  void refusesASegmentCountThatDoesNotFitTheImage() throws Exception {
    PixelData pixels = pixels(ImageDataSets.rgb(4, 4, 0), frame(bytes(-15, 1)));
    assertThatThrownBy(() -> pixels.frame(0)).hasMessageStartingWith(
        "RLE frame 1 has 1 segments; 3 sample(s) of 8 bits need 3");
  }

  @Test
  void refusesAFrameShorterThanItsHeader() throws Exception {
    PixelData pixels = pixels(bytes4x4(), frame(bytes(-15, 1)), bytes(1, 0, 0, 0));
    assertThat(pixels.frame(0)).containsOnly(1);
    assertThatThrownBy(() -> pixels.frame(1)).hasMessageStartingWith(
        "RLE frame 2 has 4 bytes, fewer than its 64-byte header");
  }

  @Test
  void refusesOneBitImages() {
    DataSet image = ImageDataSets.monochrome(4, 4, 1, 1, 0, false);
    assertThatThrownBy(() -> pixels(image, frame(bytes(-15, 1))))
        .hasMessageStartingWith("RLE Lossless cannot hold Bits Allocated 1");
  }

  @Test
  void failsOnlyWithDicomExceptionsOnCorruptFrames() throws Exception {
    DataSet image = ImageDataSets.monochrome(8, 8, 16, 16, 15, true);
    byte[] valid = frame(bytes(-63, 1), bytes(63, 0), new byte[64]);
    Random random = new Random(42);
    for (int trial = 0; trial < 5000; trial++) {
      byte[] corrupt = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
      for (int flips = random.nextInt(4); flips >= 0 && corrupt.length > 0; flips--) {
        corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt();
      }
      try {
        pixels(image, corrupt).frame(0);
      } catch (DicomException expected) {
        assertThat(expected.problem()).startsWith("RLE ");
      }
    }
  }
}
