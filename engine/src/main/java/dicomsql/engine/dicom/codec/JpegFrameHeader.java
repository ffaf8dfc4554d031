package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.ImagePixelModule;

/**
 * A JPEG frame header (T.81 B.2.2, and T.87's SOF55 of the same layout): sample precision, size
 * and, per component, its id, sampling factors (H << 4 | V) and quantization table selector.
 */
record JpegFrameHeader(int precision, int rows, int columns, int[] ids, int[] sampling,
    int[] tables) {

  /** Reads the header after its marker, checking that its length fits its components. */
  static JpegFrameHeader read(JpegSegments in) throws DicomException {
    int length = in.length(8);
    int precision = in.u8();
    int rows = in.u16();
    int columns = in.u16();
    int components = in.u8();
    if (length != 8 + 3 * components) {
      throw in.problem("has a frame header of " + length + " bytes for " + components
          + " components");
    }
    int[] ids = new int[components];
    int[] sampling = new int[components];
    int[] tables = new int[components];
    for (int c = 0; c < components; c++) {
      ids[c] = in.u8();
      sampling[c] = in.u8();
      tables[c] = in.u8();
    }
    return new JpegFrameHeader(precision, rows, columns, ids, sampling, tables);
  }

  int components() {
    return ids.length;
  }

  /**
   * Checks that a lossless or JPEG-LS frame holds what the Image Pixel module says, each
   * component sampled once per pixel: 2 to 16 bits, the module's size and samples per pixel.
   */
  void requireWholePixelsOf(ImagePixelModule module, JpegSegments in) throws DicomException {
    if (precision < 2 || precision > 16 || rows != module.rows() || columns != module.columns()
        || components() != module.samplesPerPixel()) {
      throw mismatch(in, module.columns() + "x" + module.rows() + " of "
          + module.samplesPerPixel() + " the Image Pixel module says");
    }
    for (int c = 0; c < components(); c++) {
      if (sampling[c] != 0x11) {
        throw in.problem("subsamples component " + (c + 1) + ", which is not read");
      }
    }
  }

  /** The error for a frame that is not what the decoder reads, {@code expected} saying what. */
  DicomException mismatch(JpegSegments in, String expected) {
    return in.problem("holds " + columns + "x" + rows + " pixels of " + components()
        + " component(s) of " + precision + " bits, not the " + expected);
  }
}
