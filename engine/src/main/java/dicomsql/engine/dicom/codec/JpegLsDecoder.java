package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.ImagePixelModule;

/**
 * Decodes JPEG-LS (ITU-T T.87), lossless and near-lossless, of greyscale and colour images, the
 * components of a colour image in a scan each (not interleaved) or line-interleaved in one scan:
 * the frame and scan headers and preset coding parameters here, the samples in
 * {@link JpegLsScan}. No Java library on Maven Central decodes JPEG-LS, hence our own; checked
 * against dcmtk's {@code dcmcjpls} and {@code dcmdjpls}.
 */
final class JpegLsDecoder implements FrameDecoder {
  private static final int SOF55 = 0xF7;
  private static final int LSE = 0xF8;

  private final ImagePixelModule module;

  JpegLsDecoder(ImagePixelModule module) {
    this.module = module;
  }

  @Override
  public void decode(byte[] frame, int[] into) throws DicomException {
    JpegSegments in = new JpegSegments(frame);
    in.start();
    JpegFrameHeader header = null;
    int[] preset = new int[5];
    for (int marker = in.marker(); marker != JpegSegments.EOI; marker = in.marker()) {
      switch (marker) {
        case SOF55 -> header = readFrameHeader(in);
        case LSE -> readPresets(in, preset);
        case JpegSegments.DRI -> {
          if (in.restartInterval() != 0) {
            throw in.problem("has restart intervals, which the JPEG-LS decoder does not read");
          }
        }
        case JpegSegments.SOS -> {
          if (header == null) {
            throw in.problem("has a scan before its JPEG-LS frame header (SOF55)");
          }
          decodeScan(in, header, preset, into);
        }
        default -> in.skipOther(marker, "JPEG-LS");
      }
    }
  }

  private JpegFrameHeader readFrameHeader(JpegSegments in) throws DicomException {
    JpegFrameHeader header = JpegFrameHeader.read(in);
    header.requireWholePixelsOf(module, in);
    return header;
  }

  /** Preset coding parameters (LSE id 1): MAXVAL, T1, T2, T3, RESET; 0 means the default. */
  private static void readPresets(JpegSegments in, int[] preset) throws DicomException {
    int length = in.length(3);
    int id = in.u8();
    if (id != 1 || length != 13) {
      throw in.problem("has JPEG-LS preset parameters of kind " + id
          + "; only coding parameters (kind 1) are read");
    }
    for (int i = 0; i < preset.length; i++) {
      preset[i] = in.u16();
    }
  }

  private void decodeScan(JpegSegments in, JpegFrameHeader header, int[] preset, int[] out)
      throws DicomException {
    int length = in.length(6);
    int components = in.u8();
    if (components < 1 || components > header.components() || length != 6 + 2 * components) {
      throw in.problem("has a scan of " + components + " components in a frame of "
          + header.components());
    }
    int[] targets = new int[components];
    for (int k = 0; k < components; k++) {
      targets[k] = componentIndex(in, header, in.u8());
      in.u8();
    }
    int near = in.u8();
    int interleave = in.u8();
    int pointTransform = in.u8() & 15;
    if (pointTransform != 0) {
      throw in.problem("has point transform " + pointTransform + ", which is not read");
    }
    if (components > 1 && interleave != 1) {
      throw in.problem("interleaves " + components + " components by "
          + (interleave == 2 ? "sample" : "mode " + interleave)
          + "; only line-interleaved or separate scans are read");
    }
    JpegLsParameters parameters = JpegLsParameters.of(header.precision(), near, preset);
    if (parameters == null) {
      throw in.problem("has NEAR " + near + " or preset parameters outside what T.87 allows");
    }
    new JpegLsScan(in, parameters).decode(out, module.rows(), module.columns(), targets,
        header.components());
  }

  /** Which of the frame's components (and so which sample of a pixel) a scan's id names. */
  private static int componentIndex(JpegSegments in, JpegFrameHeader header, int id)
      throws DicomException {
    for (int c = 0; c < header.components(); c++) {
      if (header.ids()[c] == id) {
        return c;
      }
    }
    throw in.problem("has a scan of component " + id + ", which its frame header does not name");
  }
}
