package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;

/**
 * The entropy-coded data of one lossless JPEG scan (T.81 H.1.2): Huffman-coded differences from
 * a prediction, added modulo 2^16. The first line of the image and of each restart interval (a
 * whole number of lines) is predicted from the left, the first sample of every other line from
 * above, the rest by the scan's predictor; the interval's first sample from half the range.
 */
final class LosslessScan {
  private final EntropyReader entropy;
  private final HuffmanTable[] tables;
  private final int precision;
  private final int pointTransform;
  private final int predictor;
  private final int restartInterval;

  LosslessScan(JpegSegments segments, HuffmanTable[] tables, int precision, int pointTransform,
      int predictor, int restartInterval) {
    this.entropy = new EntropyReader(segments);
    this.tables = tables;
    this.precision = precision;
    this.pointTransform = pointTransform;
    this.predictor = predictor;
    this.restartInterval = restartInterval;
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
        entropy.restart();
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
    entropy.finish();
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

  /** The next difference: a Huffman-coded bit count, then that many bits (T.81 H.1.2.2). */
  private int difference(HuffmanTable table) throws DicomException {
    int size = entropy.symbol(table);
    return size >= 16 ? 32768 : entropy.signed(size);
  }
}
