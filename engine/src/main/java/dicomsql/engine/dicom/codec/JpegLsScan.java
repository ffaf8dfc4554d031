package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;
import java.util.Arrays;

/**
 * The entropy-coded samples of one JPEG-LS scan (T.87 A.3 to A.7): regular mode, with context
 * modelling, bias correction and limited-length Golomb codes, and run mode. A scan holds one
 * component, or several line-interleaved (T.87 B.3: a line of each in turn, the contexts
 * shared, each component with its own lines and run index, as CharLS, which dcmtk uses, does).
 * Reads bits with T.87's stuffing (a bit dropped after each 0xFF) and stops at the next marker.
 */
final class JpegLsScan {
  private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6,
      6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  /** Contexts 0 to 364 for regular mode, 365 and 366 for run interruptions. */
  private static final int CONTEXTS = 367;

  private final JpegSegments segments;
  private final byte[] data;
  private final JpegLsParameters p;
  private final int[] a = new int[CONTEXTS];
  private final int[] b = new int[CONTEXTS];
  private final int[] c = new int[CONTEXTS];
  private final int[] n = new int[CONTEXTS];
  private final int[] nn = new int[CONTEXTS];
  private int runIndex;
  private int position;
  private long bits;
  private int bitCount;
  private boolean atMarker;
  private boolean afterFf;

  JpegLsScan(JpegSegments segments, JpegLsParameters parameters) {
    this.segments = segments;
    this.data = segments.data();
    this.p = parameters;
    this.position = segments.position();
    int initial = Math.max(2, (p.range() + 32) / 64);
    Arrays.fill(a, initial);
    Arrays.fill(n, 1);
  }

  /**
   * Decodes rows x columns pixels of the scan's components into {@code out}, then leaves the
   * segments at the marker: the scan's component i into sample {@code targets[i]} of each
   * pixel of {@code stride} samples. Each line is decoded with the line above it, both padded
   * by a sample at each end: the left of a line is the first sample above it, and the left of
   * the line above is the first sample of the line above that (T.87 A.2.1).
   */
  void decode(int[] out, int rows, int columns, int[] targets, int stride)
      throws DicomException {
    int components = targets.length;
    int[][] previous = new int[components][columns + 2];
    int[][] current = new int[components][columns + 2];
    int[] runIndices = new int[components];
    for (int row = 0; row < rows; row++) {
      for (int k = 0; k < components; k++) {
        int[] above = previous[k];
        int[] line = current[k];
        above[columns + 1] = above[columns];
        line[0] = above[1];
        runIndex = runIndices[k];
        decodeLine(above, line, columns);
        runIndices[k] = runIndex;
        for (int x = 0, at = row * columns * stride + targets[k]; x < columns;
            x++, at += stride) {
          out[at] = line[x + 1];
        }
        previous[k] = line;
        current[k] = above;
      }
    }
    while (position + 1 < data.length
        && !((data[position] & 0xFF) == 0xFF && (data[position + 1] & 0xFF) >= 0x80)) {
      position++;
    }
    segments.position(position);
  }

  private void decodeLine(int[] previous, int[] current, int columns) throws DicomException {
    for (int x = 1; x <= columns; ) {
      int ra = current[x - 1];
      int rb = previous[x];
      int rc = previous[x - 1];
      int rd = previous[x + 1];
      int d1 = rd - rb;
      int d2 = rb - rc;
      int d3 = rc - ra;
      int near = p.near();
      if (Math.abs(d1) <= near && Math.abs(d2) <= near && Math.abs(d3) <= near) {
        x = decodeRun(previous, current, x, columns);
      } else {
        current[x] = decodeRegular(quantize(d1) * 81 + quantize(d2) * 9 + quantize(d3), ra, rb,
            rc);
        x++;
      }
    }
  }

  private int quantize(int d) {
    if (d <= -p.t3()) {
      return -4;
    } else if (d <= -p.t2()) {
      return -3;
    } else if (d <= -p.t1()) {
      return -2;
    } else if (d < -p.near()) {
      return -1;
    } else if (d <= p.near()) {
      return 0;
    } else if (d < p.t1()) {
      return 1;
    } else if (d < p.t2()) {
      return 2;
    } else if (d < p.t3()) {
      return 3;
    }
    return 4;
  }

  private int decodeRegular(int signedContext, int ra, int rb, int rc) throws DicomException {
    int sign = signedContext < 0 ? -1 : 1;
    int q = Math.abs(signedContext);
    int prediction;
    if (rc >= Math.max(ra, rb)) {
      prediction = Math.min(ra, rb);
    } else if (rc <= Math.min(ra, rb)) {
      prediction = Math.max(ra, rb);
    } else {
      prediction = ra + rb - rc;
    }
    prediction = clamp(prediction + sign * c[q]);
    int k = 0;
    while ((n[q] << k) < a[q]) {
      k++;
    }
    int mapped = golomb(k, p.limit());
    int error = (mapped >> 1) ^ -(mapped & 1);
    if (p.near() == 0 && k == 0 && 2 * b[q] + n[q] - 1 < 0) {
      error = ~error;
    }
    update(q, error);
    return reconstruct(prediction, sign * error);
  }

  /** Context update and bias correction (T.87 A.6). */
  private void update(int q, int error) {
    a[q] += Math.abs(error);
    b[q] += error * (2 * p.near() + 1);
    if (n[q] == p.reset()) {
      a[q] >>= 1;
      b[q] >>= 1;
      n[q] >>= 1;
    }
    n[q]++;
    if (b[q] + n[q] <= 0) {
      b[q] += n[q];
      if (b[q] <= -n[q]) {
        b[q] = -n[q] + 1;
      }
      if (c[q] > -128) {
        c[q]--;
      }
    } else if (b[q] > 0) {
      b[q] -= n[q];
      if (b[q] > 0) {
        b[q] = 0;
      }
      if (c[q] < 127) {
        c[q]++;
      }
    }
  }

  /** A run of samples equal to the left one, then the sample that ends it; returns the next x. */
  private int decodeRun(int[] previous, int[] current, int x, int columns)
      throws DicomException {
    int ra = current[x - 1];
    int end = columns + 1;
    while (x < end && bit() == 1) {
      int count = Math.min(1 << J[runIndex], end - x);
      Arrays.fill(current, x, x + count, ra);
      x += count;
      if (count == 1 << J[runIndex]) {
        runIndex = Math.min(31, runIndex + 1);
      }
      if (x == end) {
        return x;
      }
    }
    int count = J[runIndex] > 0 ? read(J[runIndex]) : 0;
    if (count > end - x - 1) {
      throw segments.problem(position, "has a JPEG-LS run past the end of its line");
    }
    Arrays.fill(current, x, x + count, ra);
    x += count;
    int rb = previous[x];
    current[x] = decodeInterruption(ra, rb);
    runIndex = Math.max(0, runIndex - 1);
    return x + 1;
  }

  /** The sample that ends a run (T.87 A.7.2). */
  private int decodeInterruption(int ra, int rb) throws DicomException {
    int type = Math.abs(ra - rb) <= p.near() ? 1 : 0;
    int q = 365 + type;
    int temp = type == 0 ? a[q] : a[q] + (n[q] >> 1);
    int k = 0;
    while ((n[q] << k) < temp) {
      k++;
    }
    int mapped = golomb(k, p.limit() - J[runIndex] - 1);
    int value = mapped + type;
    int mapBit = value & 1;
    int magnitude = (value + mapBit) / 2;
    int error = ((k != 0 || 2 * nn[q] >= n[q]) == (mapBit != 0)) ? -magnitude : magnitude;
    if (error < 0) {
      nn[q]++;
    }
    a[q] += (mapped + 1 - type) >> 1;
    if (n[q] == p.reset()) {
      a[q] >>= 1;
      n[q] >>= 1;
      nn[q] >>= 1;
    }
    n[q]++;
    if (type == 1) {
      return reconstruct(ra, error);
    }
    return reconstruct(rb, ra > rb ? -error : error);
  }

  private int reconstruct(int prediction, int error) {
    int near = p.near();
    int value = prediction + error * (2 * near + 1);
    if (value < -near) {
      value += p.range() * (2 * near + 1);
    } else if (value > p.maxValue() + near) {
      value -= p.range() * (2 * near + 1);
    }
    return clamp(value);
  }

  private int clamp(int value) {
    return value < 0 ? 0 : Math.min(value, p.maxValue());
  }

  /** A limited-length Golomb code with parameter k (T.87 A.5.3). */
  private int golomb(int k, int limit) throws DicomException {
    int zeros = 0;
    while (bit() == 0) {
      zeros++;
      if (zeros > limit) {
        throw segments.problem(position, "has a JPEG-LS code longer than its limit");
      }
    }
    if (zeros >= limit - p.qbpp() - 1) {
      return read(p.qbpp()) + 1;
    }
    return k == 0 ? zeros : (zeros << k) + read(k);
  }

  private int bit() {
    if (bitCount == 0) {
      fill();
    }
    bitCount--;
    return (int) (bits >>> bitCount) & 1;
  }

  private int read(int count) {
    if (bitCount < count) {
      fill();
    }
    bitCount -= count;
    return (int) (bits >>> bitCount) & ((1 << count) - 1);
  }

  /**
   * Tops the bit buffer up to more than 48 bits. After a 0xFF byte the next byte's top bit is a
   * stuffed zero and is dropped; 0xFF followed by a byte with its top bit set is a marker, and
   * past it, as past the end, zeros are shifted in.
   */
  private void fill() {
    while (bitCount <= 48) {
      if (atMarker || position >= data.length) {
        bits <<= 8;
        bitCount += 8;
        continue;
      }
      int next = data[position] & 0xFF;
      if (next == 0xFF && position + 1 < data.length && (data[position + 1] & 0xFF) >= 0x80) {
        atMarker = true;
        continue;
      }
      position++;
      if (afterFf) {
        bits = bits << 7 | next;
        bitCount += 7;
      } else {
        bits = bits << 8 | next;
        bitCount += 8;
      }
      afterFf = next == 0xFF;
    }
  }
}
