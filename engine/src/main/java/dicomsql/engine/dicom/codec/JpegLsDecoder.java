package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.ImagePixelModule;

/**
 * Decodes JPEG-LS (ITU-T T.87), lossless and near-lossless, of greyscale images: the frame and
 * scan headers and preset coding parameters here, the samples in {@link JpegLsScan}. No Java
 * library on Maven Central decodes JPEG-LS, hence our own; checked against dcmtk's
 * {@code dcmcjpls} and {@code dcmdjpls}.
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
    int precision = 0;
    int[] preset = new int[5];
    for (int marker = in.marker(); marker != JpegSegments.EOI; marker = in.marker()) {
      switch (marker) {
        case SOF55 -> precision = readFrameHeader(in);
        case LSE -> readPresets(in, preset);
        case JpegSegments.DRI -> {
          if (in.restartInterval() != 0) {
            throw in.problem("has restart intervals, which the JPEG-LS decoder does not read");
          }
        }
        case JpegSegments.SOS -> {
          if (precision == 0) {
            throw in.problem("has a scan before its JPEG-LS frame header (SOF55)");
          }
          decodeScan(in, precision, preset, into);
        }
        default -> in.skipOther(marker, "JPEG-LS");
      }
    }
  }

  private int readFrameHeader(JpegSegments in) throws DicomException {
    JpegFrameHeader header = JpegFrameHeader.read(in);
    if (header.precision() < 2 || header.precision() > 16 || header.rows() != module.rows()
        || header.columns() != module.columns() || header.components() != 1
        || module.samplesPerPixel() != 1) {
      throw header.mismatch(in, module.columns() + "x" + module.rows()
          + " of one sample the JPEG-LS decoder reads");
    }
    return header.precision();
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

  private void decodeScan(JpegSegments in, int precision, int[] preset, int[] out)
      throws DicomException {
    in.length(6);
    int components = in.u8();
    if (components != 1) {
      throw in.problem("has a scan of " + components + " components; one is read");
    }
    in.skip(2);
    int near = in.u8();
    in.u8();
    int pointTransform = in.u8() & 15;
    if (pointTransform != 0) {
      throw in.problem("has point transform " + pointTransform + ", which is not read");
    }
    JpegLsParameters parameters = JpegLsParameters.of(precision, near, preset);
    if (parameters == null) {
      throw in.problem("has NEAR " + near + " or preset parameters outside what T.87 allows");
    }
    new JpegLsScan(in, parameters).decode(out, module.rows(), module.columns());
  }
}
