package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;

/**
 * The entropy-coded data of one lossless JPEG scan (T.81 H.1.2): Huffman-coded differences from
 * a prediction, added modulo 2^16. The first line of the image and of each restart interval (a
 * whole number of lines) is predicted from the left, the first sample of every other line from
 * above, the rest by the scan's predictor; the interval's first sample from half the range.
 * Reads bits with byte stuffing removed and stops at the marker that ends the scan.
 */
final class LosslessScan {
  private final JpegSegments segments;
  private final byte[] data;
  private final HuffmanTable[] tables;
  private final int precision;
  private final int pointTransform;
  private final int predictor;
  private final int restartInterval;
  private int position;
  private long bits;
  private int bitCount;
  private boolean atMarker;

  LosslessScan(JpegSegments segments, HuffmanTable[] tables, int precision, int pointTransform,
      int predictor, int restartInterval) {
    this.segments = segments;
    this.data = segments.data();
    this.tables = tables;
    this.precision = precision;
    this.pointTransform = pointTransform;
    this.predictor = predictor;
    this.restartInterval = restartInterval;
    this.position = segments.position();
  }

  /** Decodes rows x columns pixels into {@code out}, then leaves the segments at the marker. */
  void decode(int[] out, int rows, int columns) throws DicomException {
    int components = tables.length;
    int stride = columns * components;
    int initial = 1 << (precision - pointTransform - 1);
    int linesPerInterval = restartInterval / columns;
    int intervalStart = 0;
    for (int row = 0, i = 0; row < rows; row++) {
      if (linesPerInterval > 0 && row > 0 && row % linesPerInterval == 0) {
        restart();
        intervalStart = i;
      }
      for (int column = 0; column < columns; column++) {
        for (int c = 0; c < components; c++, i++) {
          int prediction;
          if (i - c == intervalStart) {
            prediction = initial;
          } else if (i - intervalStart < stride) {
            prediction = out[i - components];
          } else if (column == 0) {
            prediction = out[i - stride];
          } else {
            prediction = predict(predictor, out[i - components], out[i - stride],
                out[i - stride - components]);
          }
          out[i] = (prediction + difference(tables[c])) & 0xFFFF;
        }
      }
    }
    if (pointTransform > 0) {
      for (int i = 0, count = rows * stride; i < count; i++) {
        out[i] <<= pointTransform;
      }
    }
    segments.position(position);
  }

  /** The prediction of selection value {@code predictor} from left, above and above left. */
  static int predict(int predictor, int a, int b, int c) {
    return switch (predictor) {
      case 1 -> a;
      case 2 -> b;
      case 3 -> c;
      case 4 -> a + b - c;
      case 5 -> a + ((b - c) >> 1);
      case 6 -> b + ((a - c) >> 1);
      default -> (a + b) >> 1;
    };
  }

  /** The next difference: a Huffman-coded bit count, then that many bits (T.81 F.2.2.1). */
  private int difference(HuffmanTable table) throws DicomException {
    if (bitCount < 32) {
      fill();
    }
    int entry = table.lookup(peek(HuffmanTable.LOOKAHEAD));
    int size;
    if (entry != 0) {
      bitCount -= entry >>> 8;
      size = entry & 0xFF;
    } else {
      size = -1;
      for (int length = HuffmanTable.LOOKAHEAD + 1; length <= 16 && size < 0; length++) {
        size = table.symbol(peek(length), length);
        if (size >= 0) {
          bitCount -= length;
        }
      }
      if (size < 0) {
        throw segments.problem(position, "has a Huffman code its table does not hold");
      }
    }
    if (size == 0) {
      return 0;
    }
    if (size >= 16) {
      return 32768;
    }
    int value = peek(size);
    bitCount -= size;
    return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
  }

  private int peek(int count) {
    return (int) (bits >>> (bitCount - count)) & ((1 << count) - 1);
  }

  /** Tops the bit buffer up to more than 56 bits; past the scan's end it shifts in zeros. */
  private void fill() {
    while (bitCount <= 56) {
      int next = 0;
      if (!atMarker && position < data.length) {
        next = data[position] & 0xFF;
        if (next == 0xFF) {
          if (position + 1 < data.length && data[position + 1] == 0) {
            position += 2;
          } else {
            atMarker = true;
            next = 0;
          }
        } else {
          position++;
        }
      }
      bits = bits << 8 | next;
      bitCount += 8;
    }
  }

  /** Drops what is left of the interval's last byte and reads the restart marker after it. */
  private void restart() throws DicomException {
    bits = 0;
    bitCount = 0;
    atMarker = false;
    segments.position(position);
    int marker = segments.marker();
    if (marker < 0xD0 || marker > 0xD7) {
      throw segments.problem(position, "has marker " + Integer.toHexString(marker)
          + " where a restart marker must be");
    }
    position = segments.position();
  }
}
