package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes the test files pydicom ships and compares every value with what pydicom 2 and numpy
 * make of the same files ({@code pixel_array}, {@code apply_modality_lut}).
 */
class PixelDataPydicomTest {
  private static final List<String> FILES = List.of(
      "CT_small.dcm",
      "MR_small.dcm",
      "MR_small_implicit.dcm",
      "MR_small_padded.dcm",
      "MR_small_bigendian.dcm",
      "MR_small_expb.dcm",
      "MR_small_RLE.dcm",
      "ExplVR_BigEnd.dcm",
      "SC_rgb_small_odd.dcm",
      "SC_rgb_jpeg_dcmd.dcm",
      "SC_ybr_full_422_uncompressed.dcm",
      "image_dfl.dcm",
      "SC_rgb_rle.dcm",
      "SC_rgb_rle_2frame.dcm",
      "SC_rgb_rle_16bit.dcm",
      "SC_rgb_rle_16bit_2frame.dcm",
      "SC_rgb_rle_32bit.dcm",
      "SC_rgb_rle_32bit_2frame.dcm",
      "rtdose.dcm",
      "rtdose_1frame.dcm",
      "rtdose_rle.dcm",
      "rtdose_rle_1frame.dcm",
      "liver_1frame.dcm",
      "liver_expb_1frame.dcm",
      "MR_small_jp2klossless.dcm",
      "693_J2KI.dcm",
      "J2K_pixelrep_mismatch.dcm",
      "SC_rgb_jpeg_dcmtk.dcm");
  /** Lossy JPEG 2000, which decoders may round differently (pydicom's goes through openjpeg). */
  private static final String LOSSY_JPEG_2000 = "JPEG2000.dcm";
  /** A file pydicom's authors rewrote with 32-bit big-endian cells; see the test using it. */
  private static final String WHOLE_32_BIT_BIG_ENDIAN = "rtdose_expb.dcm";

  @TempDir
  static Path output;
  private static final Map<String, Path> DECODED = new HashMap<>();

  @BeforeAll
  static void decodeWithPydicom() throws IOException, URISyntaxException {
    if (!ExternalTools.hasPydicomFiles() || !ExternalTools.hasPydicom()) {
      return;
    }
    Path script = Path.of(PixelDataPydicomTest.class.getResource("pixel_values.py").toURI());
    List<String> names = new ArrayList<>(FILES);
    names.add(WHOLE_32_BIT_BIG_ENDIAN);
    names.add(LOSSY_JPEG_2000);
    List<String> command = new ArrayList<>(List.of(ExternalTools.PYTHON, script.toString(),
        output.toString()));
    names.forEach(name -> command.add(ExternalTools.pydicomFile(name).toString()));
    for (String line : ExternalTools.run(command).split("\n")) {
      String[] words = line.split(" ", 3);
      int index = Integer.parseInt(words[0]);
      if (words[1].equals("ok")) {
        DECODED.put(names.get(index), output.resolve(index + ".values"));
      }
    }
  }

  /** Checked before each test, not once, so that every skipped test shows the reason. */
  @BeforeEach
  void needsPydicom() {
    assumeTrue(ExternalTools.hasPydicomFiles(),
        "pydicom's test files are missing: install Debian's python3-pydicom");
    assumeTrue(ExternalTools.hasPydicom(),
        ExternalTools.PYTHON + " cannot import pydicom and numpy: install Debian's "
            + "python3-pydicom and python3-numpy");
  }

  static List<String> files() {
    return FILES;
  }

  @ParameterizedTest
  @MethodSource("files")
  void decodesTheValuesPydicomDecodes(String name) throws IOException {
    long[] expected = longs(pydicomValues(name));
    PixelData pixels = PixelData.read(ExternalTools.pydicomFile(name));
    assertSameValues(name, expected, asLongs(pixels.allFrames(), pixels.module()));
  }

  @ParameterizedTest
  @MethodSource("files")
  void rescalesLikePydicomsModalityLut(String name) throws IOException {
    Path values = pydicomValues(name);
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(
        values.resolveSibling(values.getFileName().toString().replace(".values", ".rescaled"))));
    float[] expected = new float[bytes.capacity() / 4];
    bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(expected);
    PixelData pixels = PixelData.read(ExternalTools.pydicomFile(name));
    int count = pixels.module().samplesPerFrame();
    float[] frame = null;
    for (int index = 0; index < pixels.frameCount(); index++) {
      frame = pixels.rescaledFrame(index, frame);
      for (int i = 0; i < count; i++) {
        if (Float.compare(frame[i], expected[index * count + i]) != 0) {
          fail(name + " frame " + index + " value " + i + ": pydicom " + expected[index * count
              + i] + ", ours " + frame[i]);
        }
      }
    }
    assertThat(pixels.frameCount() * count).isEqualTo(expected.length);
  }

  /**
   * OW is a string of 16-bit words, so a big-endian OW keeps a 32-bit cell as two big-endian
   * words, low word first: that is what dcmtk's {@code dcmconv +tb} writes and what we read
   * (see PixelDataDcmtkTest). pydicom reads such cells as whole 32-bit big-endian numbers, and
   * its rtdose_expb.dcm was written that way, so our values have pydicom's halves swapped.
   */
  @Test
  void readsBigEndian32BitCellsAsOwWordsWherePydicomReadsWholeNumbers() throws IOException {
    long[] pydicom = longs(pydicomValues(WHOLE_32_BIT_BIG_ENDIAN));
    PixelData pixels = PixelData.read(ExternalTools.pydicomFile(WHOLE_32_BIT_BIG_ENDIAN));
    int[] ours = pixels.allFrames();
    long[] halvesSwapped = new long[ours.length];
    for (int i = 0; i < ours.length; i++) {
      halvesSwapped[i] = Integer.toUnsignedLong(Integer.rotateLeft(ours[i], 16));
    }
    assertSameValues(WHOLE_32_BIT_BIG_ENDIAN, pydicom, halvesSwapped);
  }

  /**
   * The wavelet of lossy JPEG 2000 is computed in floating point, so two conforming decoders
   * (jai-imageio's and openjpeg) may round a few values apart; none by more than one.
   */
  @Test
  void decodesLossyJpeg2000WithinOneOfOpenjpeg() throws IOException {
    long[] expected = longs(pydicomValues(LOSSY_JPEG_2000));
    PixelData pixels = PixelData.read(ExternalTools.pydicomFile(LOSSY_JPEG_2000));
    int[] ours = pixels.allFrames();
    assertThat(ours).hasSize(expected.length);
    int apart = 0;
    for (int i = 0; i < ours.length; i++) {
      assertThat(Math.abs(ours[i] - expected[i])).as("value " + i).isLessThanOrEqualTo(1);
      apart += ours[i] != expected[i] ? 1 : 0;
    }
    assertThat(apart).isLessThan(ours.length / 1000);
  }

  /** pydicom here has no JPEG-LS handler; the file holds MR_small.dcm's values losslessly. */
  @Test
  void decodesPydicomsJpegLsFileToTheOriginalValues() throws IOException {
    assertThat(PixelData.read(ExternalTools.pydicomFile("MR_small_jpeg_ls_lossless.dcm"))
        .allFrames()).containsExactly(
            PixelData.read(ExternalTools.pydicomFile("MR_small.dcm")).allFrames());
  }

  private static Path pydicomValues(String name) {
    Path values = DECODED.get(name);
    assertThat(values).as("pydicom decoded " + name).isNotNull();
    return values;
  }

  private static long[] longs(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    long[] values = new long[bytes.capacity() / 8];
    bytes.asLongBuffer().get(values);
    return values;
  }

  private static long[] asLongs(int[] values, ImagePixelModule module) {
    long[] longs = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      longs[i] = module.isUnsigned32Bit() ? Integer.toUnsignedLong(values[i]) : values[i];
    }
    return longs;
  }

  /** Compares whole arrays but reports only the first difference and how many there are. */
  private static void assertSameValues(String name, long[] expected, long[] actual) {
    assertThat(actual.length).as(name + " value count").isEqualTo(expected.length);
    int differences = 0;
    int first = -1;
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != actual[i]) {
        differences++;
        first = first < 0 ? i : first;
      }
    }
    if (differences > 0) {
      fail(name + ": " + differences + " values differ from pydicom's, first at " + first
          + ": pydicom " + expected[first] + ", ours " + actual[first]);
    }
  }
}
