package dicomsql.engine.dicom.codec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.ImagePixelModule;
import org.junit.jupiter.api.Test;

/** What the JPEG-LS decoder refuses; what it decodes is checked against dcmtk elsewhere. */
class JpegLsDecoderTest {
  private static final ImagePixelModule GREY =
      new ImagePixelModule(2, 2, 1, 8, 8, 7, 0, 0, 1, "MONOCHROME2");

  /** SOI, then a JPEG-LS frame header of 2x2 pixels of {@code components} 8-bit components. */
  private static byte[] frameHeader(int components) {
    byte[] bytes = new byte[2 + 10 + 3 * components];
    for (int c = 0; c < components; c++) {
      bytes[12 + 3 * c + 1] = 0x11;
    }
    int[] start = {0xFF, 0xD8, 0xFF, 0xF7, 0, 8 + 3 * components, 8, 0, 2, 0, 2, components};
    for (int i = 0; i < start.length; i++) {
      bytes[i] = (byte) start[i];
    }
    return bytes;
  }

  @Test
  void refusesOtherComponentsThanTheModuleSaysSayingWhatItHolds() {
    assertThatThrownBy(() -> new JpegLsDecoder(GREY).decode(frameHeader(3), new int[4]))
        .isInstanceOf(DicomException.class)
        .hasMessageContaining("holds 2x2 pixels of 3 component(s) of 8 bits, not the 2x2 of "
            + "1 the Image Pixel module says");
  }

  @Test
  void saysWhereAStreamWithoutScanEnds() {
    assertThatThrownBy(() -> new JpegLsDecoder(GREY).decode(frameHeader(1), new int[4]))
        .isInstanceOf(DicomException.class)
        .hasMessageContaining("ends before its End of Image marker");
  }
}
