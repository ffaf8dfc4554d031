package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.ImagePixelModule;

/**
 * Decodes greyscale lossy JPEG: the baseline and extended sequential DCT processes with Huffman
 * coding (T.81 SOF0 and SOF1), of 8 or 12 bits, with restart intervals and any sampling factors
 * (one component is one block per MCU whatever they say). Our own because the JDK's reader stops
 * at 8 bits and no library on Maven Central reads 12 (TwelveMonkeys hands DCT JPEG to the JDK's
 * reader); 12 bits is what lossy CT is stored in. The inverse DCT is libjpeg's, so the values
 * are dcmtk's to the bit. Not thread-safe: it keeps its tables.
 */
final class DctJpegDecoder implements FrameDecoder {
  private static final int SOF0 = 0xC0;
  private static final int SOF1 = 0xC1;
  private static final int DHT = 0xC4;
  private static final int DQT = 0xDB;

  private final ImagePixelModule module;
  private final HuffmanTable[] dcTables = new HuffmanTable[4];
  private final HuffmanTable[] acTables = new HuffmanTable[4];
  private final int[][] quantTables = new int[4][];
  private int precision;
  private int componentId;
  private int quantSelector;
  private int restartInterval;

  DctJpegDecoder(ImagePixelModule module) {
    this.module = module;
  }

  @Override
  public void decode(byte[] frame, int[] into) throws DicomException {
    JpegSegments in = new JpegSegments(frame);
    in.start();
    precision = 0;
    restartInterval = 0;
    for (int marker = in.marker(); marker != JpegSegments.EOI; marker = in.marker()) {
      switch (marker) {
        case DHT -> readHuffmanTables(in);
        case DQT -> readQuantTables(in);
        case JpegSegments.DRI -> restartInterval = in.restartInterval();
        case SOF0, SOF1 -> readFrameHeader(in);
        case JpegSegments.SOS -> decodeScan(in, into);
        default -> in.skipOther(marker, "sequential DCT with Huffman coding (SOF0 or SOF1)");
      }
    }
  }

  private void readHuffmanTables(JpegSegments in) throws DicomException {
    int end = in.position() + in.length(2) - 2;
    while (in.position() < end) {
      int classAndId = in.u8();
      int id = classAndId & 15;
      if (classAndId >> 4 > 1 || id > 3) {
        throw in.problem("has a Huffman table of class " + (classAndId >> 4) + " and id " + id
            + "; DCT JPEG has DC and AC tables 0 to 3");
      }
      (classAndId >> 4 == 0 ? dcTables : acTables)[id] = HuffmanTable.read(in);
    }
  }

  /** Reads quantization tables, 8 or 16 bit values in zig-zag order, into natural order. */
  private void readQuantTables(JpegSegments in) throws DicomException {
    int end = in.position() + in.length(2) - 2;
    while (in.position() < end) {
      int precisionAndId = in.u8();
      int id = precisionAndId & 15;
      if (precisionAndId >> 4 > 1 || id > 3) {
        throw in.problem("has a quantization table of precision " + (precisionAndId >> 4)
            + " and id " + id + "; JPEG has 8 or 16 bit tables 0 to 3");
      }
      int[] table = new int[64];
      for (int k = 0; k < 64; k++) {
        table[ZigZag.NATURAL[k]] = precisionAndId >> 4 == 0 ? in.u8() : in.u16();
      }
      quantTables[id] = table;
    }
  }

  private void readFrameHeader(JpegSegments in) throws DicomException {
    JpegFrameHeader header = JpegFrameHeader.read(in);
    if ((header.precision() != 8 && header.precision() != 12) || header.rows() != module.rows()
        || header.columns() != module.columns() || header.components() != 1) {
      throw header.mismatch(in, module.columns() + "x" + module.rows()
          + " of one component of 8 or 12 bits the decoder reads");
    }
    componentId = header.ids()[0];
    quantSelector = header.tables()[0];
    if (quantSelector > 3) {
      throw in.problem("uses quantization table " + quantSelector + "; there are 0 to 3");
    }
    precision = header.precision();
  }

  private void decodeScan(JpegSegments in, int[] out) throws DicomException {
    if (precision == 0) {
      throw in.problem("has a scan before its frame header (SOF0 or SOF1)");
    }
    int length = in.length(6);
    int components = in.u8();
    if (components != 1 || length != 8) {
      throw in.problem("has a scan of " + components + " components in a greyscale image");
    }
    if (in.u8() != componentId) {
      throw in.problem("has a scan of a component its frame header does not name");
    }
    int tables = in.u8();
    HuffmanTable dc = dcTables[(tables >> 4) & 3];
    HuffmanTable ac = acTables[tables & 3];
    int[] quant = quantTables[quantSelector];
    if (tables >> 4 > 3 || (tables & 15) > 3 || dc == null || ac == null || quant == null) {
      throw in.problem("uses Huffman tables " + (tables >> 4) + " and " + (tables & 15)
          + " and quantization table " + quantSelector + ", which it does not all define");
    }
    // The spectral selection and approximation bytes mean nothing to a sequential scan; some
    // encoders leave them zero (pydicom's JPEG-lossy.dcm), and libjpeg only warns, so skip them.
    in.skip(3);
    new DctScan(new EntropyReader(in), dc, ac, quant, new IslowIdct(precision), restartInterval)
        .decode(out, module.rows(), module.columns());
  }
}
