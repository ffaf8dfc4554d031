package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomsql.engine.dicom.PixelDataDcmtkTest.Image;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pixel data opened in place gives what reading the whole file gives, by frame and region. */
class PixelDataInPlaceTest {
  @TempDir
  Path dir;

  static Object[] images() {
    return PixelDataDcmtkTest.images().toArray();
  }

  private Path write(Image image, TransferSyntax syntax) throws IOException {
    Path file = dir.resolve(image.name().replaceAll("\\W+", "_") + ".dcm");
    new DicomWriter().write(file, image.dataSet(), syntax);
    return file;
  }

  @ParameterizedTest
  @MethodSource("images")
  void framesAndRegionsInPlaceAreThoseOfTheWholeFile(Image image) throws IOException {
    for (TransferSyntax syntax : new TransferSyntax[] {TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN}) {
      Path file = write(image, syntax);
      PixelData whole = PixelData.read(file);
      // Opened in place, and read in one go as a small file is.
      for (long wholeUpTo : new long[] {0, Long.MAX_VALUE}) {
        PixelData opened = PixelData.open(file, wholeUpTo);
        assertThat(opened.allFrames()).as(syntax.name()).containsExactly(whole.allFrames());
        assertThat(opened.rescale(0)).isEqualTo(whole.rescale(0));
        assertThat(opened.dataSet().getDoubles(Tag.WindowCenter))
            .isEqualTo(whole.dataSet().getDoubles(Tag.WindowCenter));
        if (image.samples() == 1) {
          int pixels = image.rows() * image.columns();
          for (int frame = 0; frame < image.frames(); frame++) {
            float[] region = opened.rescaledPixels(frame, pixels / 3, pixels / 2, null);
            assertThat(Arrays.copyOf(region, pixels / 2)).containsExactly(
                Arrays.copyOf(whole.rescaledPixels(frame, pixels / 3, pixels / 2, null),
                    pixels / 2));
          }
        }
      }
    }
  }

  @Test
  void aSmallFileReadInOneGoSaysItIsCutShortRatherThanPaddingWithZeros() throws IOException {
    Image image = PixelDataDcmtkTest.images().get(0);
    Path file = write(image, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) - 100));
    PixelData held = PixelData.open(file, Long.MAX_VALUE);
    assertThatThrownBy(() -> held.frame(image.frames() - 1))
        .isInstanceOf(DicomException.class)
        .hasMessageStartingWith(file.toString());
  }

  @Test
  void saysWhichFileWasCutShortAfterOpening() throws IOException {
    Image image = PixelDataDcmtkTest.images().get(0);
    Path file = write(image, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    PixelData inPlace = PixelData.open(file, 0);
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) - 100));
    assertThatThrownBy(() -> inPlace.frame(image.frames() - 1))
        .isInstanceOf(DicomException.class)
        .hasMessageStartingWith(file.toString());
  }
}
