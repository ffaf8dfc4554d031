package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomsql.engine.dicom.PixelDataDcmtkTest.Image;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Has dcmtk's {@code dcmcjpeg} and {@code dcmcjpls} compress images of known values in each JPEG
 * process and JPEG-LS, and checks that they decode to what dcmtk's {@code dcmdjpeg} and
 * {@code dcmdjpls} decompress them to, and for the lossless ones to the values written.
 */
class JpegPixelDataDcmtkTest {
  @TempDir
  Path dir;

  @BeforeEach
  void needsDcmtk() {
    for (String tool : List.of("dcmcjpeg", "dcmdjpeg", "dcmcjpls", "dcmdjpls")) {
      assumeTrue(ExternalTools.onPath(tool), tool + " is not on the PATH: install dcmtk");
    }
  }

  /** Every image JPEG can hold losslessly: up to 16 bits, grey or color, one or more frames. */
  static Stream<Arguments> lossless() {
    List<List<String>> forms = new ArrayList<>(List.of(List.of("+e1")));
    for (int predictor = 1; predictor <= 7; predictor++) {
      forms.add(List.of("+el", "+sv", String.valueOf(predictor)));
    }
    return PixelDataDcmtkTest.images().stream()
        .filter(image -> image.allocated() <= 16 && image.highBit() == image.stored() - 1)
        .flatMap(image -> forms.stream().map(form -> Arguments.of(image, form)));
  }

  /**
   * dcmcjpeg interleaves the planes of a multi-frame image by plane across all its frames at
   * once, so that image's pixels come back mixed, by dcmdjpeg as by us: it is compared with
   * dcmdjpeg only.
   */
  @ParameterizedTest
  @MethodSource("lossless")
  void decodesLosslessJpegToTheValuesWritten(Image image, List<String> form)
      throws IOException {
    Path jpeg = compress(image, form);
    int[] decoded = PixelData.read(jpeg).allFrames();
    assertThat(decoded).containsExactly(PixelData.read(decompress(jpeg)).allFrames());
    if (image.planar() == 0 || image.frames() == 1) {
      assertThat(decoded).containsExactly(image.values());
    }
  }

  /**
   * Greyscale images in the lossy processes, of 8 bits and (extended only) 12, and lossless with
   * a point transform. The images are noise, so every coefficient is busy and many samples are
   * clamped.
   */
  static Stream<Arguments> lossy() {
    Stream<Arguments> eightBit = PixelDataDcmtkTest.images().stream()
        .filter(image -> image.samples() == 1 && image.allocated() == 8)
        .flatMap(image -> Stream.of(List.of("+eb"), List.of("+ee"), List.of("+eb", "+q", "50"))
            .map(form -> Arguments.of(image, form)));
    Stream<Arguments> twelveBit = PixelDataDcmtkTest.images().stream()
        .filter(image -> image.samples() == 1 && image.allocated() == 16)
        .flatMap(image -> Stream.of(List.of("+ee"), List.of("+ee", "+q", "30"),
                List.of("+ee", "+q", "100"))
            .map(form -> Arguments.of(image, form)));
    Stream<Arguments> pointTransform = PixelDataDcmtkTest.images().stream()
        .filter(image -> image.samples() == 1 && image.allocated() == 16
            && image.highBit() == image.stored() - 1)
        .map(image -> Arguments.of(image, List.of("+el", "+sv", "4", "+pt", "3")));
    return Stream.of(eightBit, twelveBit, pointTransform).flatMap(arguments -> arguments);
  }

  @ParameterizedTest
  @MethodSource("lossy")
  void decodesLossyJpegToWhatDcmtkDecompresses(Image image, List<String> form)
      throws IOException {
    Path jpeg = compress(image, form);
    assertThat(PixelData.read(jpeg).allFrames())
        .containsExactly(PixelData.read(decompress(jpeg)).allFrames());
  }

  /** The 12-bit extended JPEG files pydicom ships, written by other encoders than dcmtk. */
  @ParameterizedTest
  @ValueSource(strings = {"JPGExtended.dcm", "JPEG-lossy.dcm"})
  void decodesThirdPartyTwelveBitJpegToWhatDcmtkDecompresses(String name) throws IOException {
    assumeTrue(ExternalTools.hasPydicomFiles(),
        "pydicom's test files are missing: install Debian's python3-pydicom");
    Path jpeg = ExternalTools.pydicomFile(name);
    assertThat(PixelData.read(jpeg).allFrames())
        .containsExactly(PixelData.read(decompress(jpeg)).allFrames());
  }

  /**
   * Images JPEG-LS holds: greyscale losslessly, and near-lossless within 2 and 5 (which
   * dcmcjpls refuses for signed images); colour losslessly and near-lossless, line-interleaved
   * and in a scan per component (but not 16-bit colour in a scan per component: dcmdjpls 3.6.7
   * cannot decompress what dcmcjpls writes for it, so there is nothing to compare with).
   */
  static Stream<Arguments> jpegLs() {
    Stream<Arguments> grey = PixelDataDcmtkTest.images().stream()
        .filter(image -> image.samples() == 1 && image.allocated() <= 16
            && image.highBit() == image.stored() - 1)
        .flatMap(image -> (image.signed() ? Stream.of(List.of("dcmcjpls"))
            : Stream.of(List.of("dcmcjpls"), List.of("dcmcjpls", "+en"),
                List.of("dcmcjpls", "+en", "+md", "5")))
            .map(form -> Arguments.of(image, form)));
    Stream<Arguments> colour = PixelDataDcmtkTest.images().stream()
        .filter(image -> image.samples() == 3)
        .flatMap(image -> Stream.of(List.of("dcmcjpls", "+il"), List.of("dcmcjpls", "+in"),
                List.of("dcmcjpls", "+il", "+en", "+md", "3"))
            .filter(form -> image.allocated() == 8 || !form.contains("+in"))
            .map(form -> Arguments.of(image, form)));
    return Stream.concat(grey, colour);
  }

  @ParameterizedTest
  @MethodSource("jpegLs")
  void decodesJpegLsToWhatDcmtkDecompresses(Image image, List<String> form)
      throws IOException {
    Path jpegLs = run(new ArrayList<>(form), write(image));
    int[] decoded = PixelData.read(jpegLs).allFrames();
    assertThat(decoded).containsExactly(
        PixelData.read(run(new ArrayList<>(List.of("dcmdjpls")), jpegLs)).allFrames());
    if (!form.contains("+en") && (image.planar() == 0 || image.frames() == 1)) {
      assertThat(decoded).containsExactly(image.values());
    }
  }

  /** Sample-interleaved colour is refused, saying so. */
  @Test
  void refusesSampleInterleavedJpegLs() throws IOException {
    Image rgb = PixelDataDcmtkTest.images().stream().filter(image -> image.samples() == 3)
        .findFirst().orElseThrow();
    Path jpegLs = run(new ArrayList<>(List.of("dcmcjpls", "+is")), write(rgb));
    assertThatThrownBy(() -> PixelData.read(jpegLs).frame(0))
        .isInstanceOf(DicomException.class)
        .hasMessageContaining("interleaves 3 components by sample");
  }

  private Path write(Image image) throws IOException {
    Path file = Files.createTempFile(dir, "native", ".dcm");
    new DicomWriter().write(file, image.dataSet(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    return file;
  }

  private Path compress(Image image, List<String> form) throws IOException {
    List<String> command = new ArrayList<>(List.of("dcmcjpeg"));
    command.addAll(form);
    return run(command, write(image));
  }

  private Path decompress(Path jpeg) throws IOException {
    return run(new ArrayList<>(List.of("dcmdjpeg")), jpeg);
  }

  private Path run(List<String> command, Path in) throws IOException {
    Path out = Files.createTempFile(dir, "converted", ".dcm");
    command.add(in.toString());
    command.add(out.toString());
    ExternalTools.run(command);
    return out;
  }
}
