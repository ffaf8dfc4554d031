package dicomsql.engine.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.ImagePixelModule;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Restart intervals, which dcmtk never writes, and damaged streams; the predictors and Huffman
 * tables dcmtk writes are checked against it in JpegPixelDataDcmtkTest.
 */
class JpegLosslessDecoderTest {
  private static final int ROWS = 13;
  private static final int COLUMNS = 17;
  private static final ImagePixelModule MODULE =
      new ImagePixelModule(ROWS, COLUMNS, 1, 16, 16, 15, 0, 0, 1, "MONOCHROME2");

  private static int[] values() {
    Random random = new Random(7);
    int[] values = new int[ROWS * COLUMNS];
    for (int i = 0; i < values.length; i++) {
      values[i] = i > 0 && random.nextBoolean() ? values[i - 1] + random.nextInt(9) - 4
          : random.nextInt(1 << 16);
      values[i] &= 0xFFFF;
    }
    return values;
  }

  @ParameterizedTest
  @CsvSource({"1, 17", "4, 17", "7, 34", "6, 221", "5, 0"})
  void startsEachRestartIntervalAfresh(int predictor, int interval) throws DicomException {
    int[] values = values();
    byte[] jpeg = LosslessJpegWriter.write(values, ROWS, COLUMNS, 16, predictor, interval);
    int[] decoded = new int[values.length];
    new JpegLosslessDecoder(MODULE).decode(jpeg, decoded);
    assertThat(decoded).containsExactly(values);
  }

  @Test
  void refusesRestartIntervalsThatSplitALine() {
    byte[] jpeg = LosslessJpegWriter.write(values(), ROWS, COLUMNS, 16, 1, 5);
    assertThatThrownBy(() -> new JpegLosslessDecoder(MODULE).decode(jpeg, new int[1]))
        .isInstanceOf(DicomException.class)
        .hasMessageContaining("has a restart interval of 5 samples, not a whole number of "
            + "lines of 17");
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 40, 200})
  void saysWhereATruncatedStreamEnds(int length) {
    byte[] jpeg = LosslessJpegWriter.write(values(), ROWS, COLUMNS, 16, 1, 0);
    assertThatThrownBy(() -> new JpegLosslessDecoder(MODULE)
        .decode(Arrays.copyOf(jpeg, length), new int[ROWS * COLUMNS]))
        .isInstanceOf(DicomException.class)
        .hasMessageStartingWith("JPEG data at byte ");
  }

  @Test
  void refusesAFrameOfAnotherSizeThanTheModuleSays() {
    byte[] jpeg = LosslessJpegWriter.write(new int[12 * 17], 12, COLUMNS, 16, 1, 0);
    assertThatThrownBy(() -> new JpegLosslessDecoder(MODULE).decode(jpeg, new int[12 * 17]))
        .isInstanceOf(DicomException.class)
        .hasMessageContaining("holds 17x12 pixels of 1 component(s) of 16 bits, not the 17x13");
  }

  @Test
  void refusesDctJpegSayingWhichProcessItIs() {
    byte[] jpeg = LosslessJpegWriter.write(values(), ROWS, COLUMNS, 16, 1, 0);
    int frameHeader = indexOf(jpeg, 0xC3);
    jpeg[frameHeader] = (byte) 0xC1;
    assertThatThrownBy(() -> new JpegLosslessDecoder(MODULE).decode(jpeg, new int[1]))
        .isInstanceOf(DicomException.class)
        .hasMessage("JPEG data at byte " + (frameHeader + 1)
            + " is JPEG process SOF1, not lossless Huffman (SOF3) inside (7FE0,0010)");
  }

  /** Where the marker with this code is, as the index of its code byte. */
  private static int indexOf(byte[] jpeg, int code) {
    for (int i = 1; i < jpeg.length; i++) {
      if ((jpeg[i - 1] & 0xFF) == 0xFF && (jpeg[i] & 0xFF) == code) {
        return i;
      }
    }
    throw new AssertionError("no marker " + Integer.toHexString(code));
  }
}
