package dicomsql.engine.dicom.codec;

import java.io.ByteArrayOutputStream;

/**
 * Writes a one-component lossless JPEG with restart intervals, which dcmtk's encoder cannot
 * make: a Huffman table that gives every difference category a 5-bit code, predictions by the
 * rules of T.81 H.1.2.1, and an RSTn marker after every {@code interval} samples.
 */
final class LosslessJpegWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private long bits;
  private int bitCount;

  static byte[] write(int[] values, int rows, int columns, int precision, int predictor,
      int interval) {
    return new LosslessJpegWriter().encode(values, rows, columns, precision, predictor, interval);
  }

  private byte[] encode(int[] values, int rows, int columns, int precision, int predictor,
      int interval) {
    marker(0xD8);
    marker(0xC4);
    word(2 + 1 + 16 + 17);
    out.write(0);
    for (int length = 1; length <= 16; length++) {
      out.write(length == 5 ? 17 : 0);
    }
    for (int symbol = 0; symbol <= 16; symbol++) {
      out.write(symbol);
    }
    if (interval > 0) {
      marker(0xDD);
      word(4);
      word(interval);
    }
    marker(0xC3);
    word(11);
    out.write(precision);
    word(rows);
    word(columns);
    out.write(1);
    out.write(1);
    out.write(0x11);
    out.write(0);
    marker(0xDA);
    word(8);
    out.write(1);
    out.write(1);
    out.write(0);
    out.write(predictor);
    out.write(0);
    out.write(0);
    int start = 0;
    for (int i = 0; i < values.length; i++) {
      if (interval > 0 && i > 0 && i % interval == 0) {
        flush();
        marker(0xD0 + (i / interval - 1) % 8);
        start = i;
      }
      int a = i % columns > 0 ? values[i - 1] : 0;
      int b = i >= columns ? values[i - columns] : 0;
      int c = i >= columns && i % columns > 0 ? values[i - columns - 1] : 0;
      int prediction;
      if (i == start) {
        prediction = 1 << (precision - 1);
      } else if (i - start < columns) {
        prediction = a;
      } else if (i % columns == 0) {
        prediction = b;
      } else {
        prediction = LosslessScan.predict(predictor, a, b, c);
      }
      difference((short) (values[i] - prediction));
    }
    flush();
    marker(0xD9);
    return out.toByteArray();
  }

  /** A difference as its category's code and the category's extra bits (T.81 F.1.2.1). */
  private void difference(int difference) {
    int size = difference == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(Math.abs(difference));
    if (difference == -32768) {
      size = 16;
    }
    put(size, 5);
    if (size > 0 && size < 16) {
      put(difference > 0 ? difference : difference + (1 << size) - 1, size);
    }
  }

  private void put(int value, int count) {
    bits = bits << count | (value & ((1L << count) - 1));
    bitCount += count;
    while (bitCount >= 8) {
      bitCount -= 8;
      int next = (int) (bits >>> bitCount) & 0xFF;
      out.write(next);
      if (next == 0xFF) {
        out.write(0);
      }
    }
  }

  /** Pads the last byte with ones, as T.81 F.1.2.3 asks. */
  private void flush() {
    if (bitCount > 0) {
      put(0xFF, 8 - bitCount);
    }
  }

  private void marker(int code) {
    out.write(0xFF);
    out.write(code);
  }

  private void word(int value) {
    out.write(value >> 8);
    out.write(value & 0xFF);
  }
}
