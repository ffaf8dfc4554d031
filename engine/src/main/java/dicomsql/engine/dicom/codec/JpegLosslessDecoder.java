package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.ImagePixelModule;
import dicomsql.engine.dicom.Tag;

/**
 * Decodes lossless JPEG (ITU-T T.81 process 14, Huffman coded, any of the seven predictors and a
 * point transform, restart intervals): the format lossless archives store CT in. One scan with
 * every component interleaved, each sampled once per pixel, as DICOM's lossless syntaxes hold.
 * Our own because the library decoder takes ten times as long on a 512 x 512 slice; checked
 * against dcmtk's {@code dcmcjpeg}. Not thread-safe: it keeps its Huffman tables.
 */
final class JpegLosslessDecoder implements FrameDecoder {
  private static final int SOF3 = 0xC3;
  private static final int DHT = 0xC4;

  private final ImagePixelModule module;
  private final HuffmanTable[] tables = new HuffmanTable[4];
  private int precision;
  private int restartInterval;

  JpegLosslessDecoder(ImagePixelModule module) {
    this.module = module;
  }

  @Override
  public void decode(byte[] frame, int[] into) throws DicomException {
    JpegSegments in = new JpegSegments(frame);
    in.start();
    restartInterval = 0;
    precision = 0;
    for (int marker = in.marker(); marker != JpegSegments.EOI; marker = in.marker()) {
      switch (marker) {
        case DHT -> readTables(in);
        case JpegSegments.DRI -> restartInterval = in.restartInterval();
        case SOF3 -> readFrameHeader(in);
        case JpegSegments.SOS -> decodeScan(in, into);
        default -> in.skipOther(marker, "lossless Huffman (SOF3)");
      }
    }
  }

  private void readTables(JpegSegments in) throws DicomException {
    int end = in.position() + in.length(2) - 2;
    while (in.position() < end) {
      int classAndId = in.u8();
      if (classAndId >> 4 != 0 || (classAndId & 15) > 3) {
        throw in.problem("has a Huffman table of class " + (classAndId >> 4) + " and id "
            + (classAndId & 15) + "; lossless JPEG uses DC tables 0 to 3");
      }
      tables[classAndId & 15] = HuffmanTable.read(in);
    }
  }

  private void readFrameHeader(JpegSegments in) throws DicomException {
    JpegFrameHeader header = JpegFrameHeader.read(in);
    header.requireWholePixelsOf(module, in);
    precision = header.precision();
  }

  private void decodeScan(JpegSegments in, int[] out) throws DicomException {
    if (precision == 0) {
      throw in.problem("has a scan before its lossless frame header (SOF3)");
    }
    int length = in.length(6);
    int components = in.u8();
    if (components != module.samplesPerPixel() || length != 6 + 2 * components) {
      throw in.problem("has a scan of " + components + " component(s); only one scan of all "
          + module.samplesPerPixel() + " interleaved is read");
    }
    HuffmanTable[] byComponent = new HuffmanTable[components];
    for (int c = 0; c < components; c++) {
      in.u8();
      int table = in.u8() >> 4;
      if (table > 3 || tables[table] == null) {
        throw in.problem("uses Huffman table " + table + ", which it does not define");
      }
      byComponent[c] = tables[table];
    }
    int predictor = in.u8();
    in.u8();
    int pointTransform = in.u8() & 15;
    if (predictor < 1 || predictor > 7 || pointTransform >= precision) {
      throw in.problem("has predictor " + predictor + " and point transform " + pointTransform
          + "; lossless JPEG needs a predictor of 1 to 7");
    }
    if (restartInterval % module.columns() != 0) {
      // Prediction restarts with a line (T.81 H.1.2.1); encoders restart at line starts only.
      throw in.problem("has a restart interval of " + restartInterval
          + " samples, not a whole number of lines of " + module.columns());
    }
    new LosslessScan(in, byComponent, precision, pointTransform, predictor, restartInterval)
        .decode(out, module.rows(), module.columns());
  }
}
