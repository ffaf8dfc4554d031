package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes images of known values with our writer, has dcmtk re-encode them (RLE Lossless with and
 * without offset tables and split fragments, big endian, implicit VR) and checks that every
 * form decodes to the values written.
 */
class PixelDataDcmtkTest {
  @TempDir
  Path dir;

  /** A dcmtk command line that re-encodes a file, and the transfer syntax it writes. */
  record Form(List<String> command, TransferSyntax syntax) {}

  private static final List<Form> FORMS = List.of(
      new Form(List.of("dcmcrle"), TransferSyntax.RLE_LOSSLESS),
      new Form(List.of("dcmcrle", "-ot"), TransferSyntax.RLE_LOSSLESS),
      new Form(List.of("dcmcrle", "+fs", "1"), TransferSyntax.RLE_LOSSLESS),
      new Form(List.of("dcmconv", "+tb"), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN),
      new Form(List.of("dcmconv", "+ti"), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));

  /** An image to write: its layout, and how its cells hide bits outside Bits Stored. */
  record Image(String name, int rows, int columns, int frames, int samples, int planar,
      int allocated, int stored, int highBit, boolean signed) {

    @Override
    public String toString() {
      return name;
    }

    int count() {
      return rows * columns * samples * frames;
    }

    /**
     * Values in the stored range, in runs so RLE has repeats as well as literals, pixel after
     * pixel and sample after sample, frame after frame.
     */
    int[] values() {
      Random random = new Random(name.hashCode());
      long range = 1L << stored;
      long min = signed ? -(range / 2) : 0;
      int[] values = new int[count()];
      for (int i = 0; i < values.length; i++) {
        boolean repeat = i > 0 && random.nextInt(3) > 0;
        values[i] = repeat ? values[i - 1] : (int) (min + Math.floorMod(random.nextLong(), range));
      }
      return values;
    }

    /** The pixel data bytes, little endian, with random bits around the stored ones. */
    byte[] pixelData(int[] values) {
      Random random = new Random(~name.hashCode());
      int bytesPerCell = allocated / 8;
      long storedMask = stored == 32 ? 0xFFFFFFFFL : (1L << stored) - 1;
      long cellMask = allocated == 32 ? 0xFFFFFFFFL : (1L << allocated) - 1;
      int shift = highBit + 1 - stored;
      byte[] bytes = new byte[values.length * bytesPerCell + values.length * bytesPerCell % 2];
      int pixels = rows * columns;
      for (int i = 0; i < values.length; i++) {
        long placed = (values[i] & storedMask) << shift;
        long garbage = random.nextLong() & cellMask & ~(storedMask << shift);
        long cell = placed | garbage;
        int at = i;
        if (planar == 1) {
          int frame = i / (pixels * samples);
          int inFrame = i % (pixels * samples);
          at = frame * pixels * samples + inFrame % samples * pixels + inFrame / samples;
        }
        for (int b = 0; b < bytesPerCell; b++) {
          bytes[at * bytesPerCell + b] = (byte) (cell >>> 8 * b);
        }
      }
      return bytes;
    }

    DataSet dataSet() {
      DataSet ds = new DataSet();
      ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
      ds.putString(Tag.SOPInstanceUID, VR.UI, "2.25.1" + Math.abs(name.hashCode()));
      ds.putString(Tag.Modality, VR.CS, "OT");
      ds.putInt(Tag.SamplesPerPixel, VR.US, samples);
      ds.putString(Tag.PhotometricInterpretation, VR.CS, samples == 1 ? "MONOCHROME2" : "RGB");
      if (samples > 1) {
        ds.putInt(Tag.PlanarConfiguration, VR.US, planar);
      }
      ds.putInt(Tag.NumberOfFrames, VR.IS, frames);
      ds.putInt(Tag.Rows, VR.US, rows);
      ds.putInt(Tag.Columns, VR.US, columns);
      ds.putInt(Tag.BitsAllocated, VR.US, allocated);
      ds.putInt(Tag.BitsStored, VR.US, stored);
      ds.putInt(Tag.HighBit, VR.US, highBit);
      ds.putInt(Tag.PixelRepresentation, VR.US, signed ? 1 : 0);
      ds.putBytes(Tag.PixelData, allocated == 8 ? VR.OB : VR.OW, pixelData(values()));
      return ds;
    }
  }

  static List<Image> images() {
    return List.of(
        new Image("signed 12 in 16 bits", 48, 64, 3, 1, 0, 16, 12, 11, true),
        new Image("unsigned 12 at high bit 15", 32, 30, 1, 1, 0, 16, 12, 15, false),
        new Image("unsigned 16 bits", 40, 50, 2, 1, 0, 16, 16, 15, false),
        new Image("unsigned 8 bits, odd size", 21, 37, 2, 1, 0, 8, 8, 7, false),
        new Image("signed 8 bits", 16, 16, 1, 1, 0, 8, 8, 7, true),
        new Image("signed 32 bits", 20, 30, 2, 1, 0, 32, 32, 31, true),
        new Image("unsigned 32 bits", 20, 30, 1, 1, 0, 32, 32, 31, false),
        new Image("rgb 8 bits by pixel", 24, 30, 2, 3, 0, 8, 8, 7, false),
        new Image("rgb 8 bits by plane", 24, 30, 2, 3, 1, 8, 8, 7, false),
        new Image("rgb 16 bits by plane", 18, 20, 1, 3, 1, 16, 16, 15, false));
  }

  @BeforeEach
  void needsDcmtk() {
    for (String tool : List.of("dcmcrle", "dcmconv", "dcmcjpeg")) {
      assumeTrue(ExternalTools.onPath(tool), tool + " is not on the PATH: install dcmtk");
    }
  }

  @ParameterizedTest
  @MethodSource("images")
  void decodesEveryFormDcmtkWritesToTheValuesWritten(Image image) throws IOException {
    Path original = write(image);
    int[] expected = image.values();
    assertThat(PixelData.read(original).allFrames()).containsExactly(expected);
    for (Form form : FORMS) {
      Path converted = convert(original, form.command());
      assertThat(syntaxOf(converted)).isEqualTo(form.syntax());
      assertThat(PixelData.read(converted).allFrames()).as(String.join(" ", form.command()))
          .containsExactly(expected);
    }
  }

  @Test
  void followsTheOffsetTableOverRleFramesSplitIntoFragments() throws IOException {
    Image image = new Image("split frames", 64, 64, 3, 1, 0, 16, 16, 15, true);
    Path split = convert(write(image), List.of("dcmcrle", "+fs", "1"));
    assertThat(DataSet.read(split).get(Tag.PixelData).fragments()).hasSizeGreaterThan(3 + 3);
    assertThat(PixelData.read(split).allFrames()).containsExactly(image.values());
  }

  @Test
  void refusesSplitRleFramesWithoutAnOffsetTable() throws IOException {
    Image image = new Image("split frames", 64, 64, 3, 1, 0, 16, 16, 15, true);
    Path split = convert(write(image), List.of("dcmcrle", "-ot", "+fs", "1"));
    assertThatThrownBy(() -> PixelData.read(split))
        .isInstanceOf(DicomException.class)
        .hasMessageContaining("3 frames in")
        .hasMessageContaining("fragments and an empty Basic Offset Table");
  }

  private static TransferSyntax syntaxOf(Path file) throws IOException {
    try (DicomReader reader = DicomReader.open(file, ReadOptions.stopBeforePixelData())) {
      return reader.transferSyntax();
    }
  }

  private Path write(Image image) throws IOException {
    Path file = dir.resolve(image.name().replaceAll("\\W+", "_") + ".dcm");
    new DicomWriter().write(file, image.dataSet(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    return file;
  }

  private Path convert(Path in, List<String> tool) throws IOException {
    Path out = Files.createTempFile(dir, "converted", ".dcm");
    List<String> command = new ArrayList<>(tool);
    command.add(in.toString());
    command.add(out.toString());
    ExternalTools.run(command);
    return out;
  }
}
