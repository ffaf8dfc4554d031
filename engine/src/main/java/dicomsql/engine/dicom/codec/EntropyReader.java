package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;

/**
 * The bits of a JPEG scan's Huffman-coded data (T.81 F.2.2): byte stuffing removed, Huffman
 * symbols and the extra bits after them read, restart markers crossed. It stops at the marker
 * that ends the scan and from there shifts in zeros, as libjpeg does with data cut short.
 */
final class EntropyReader {
  private final JpegSegments segments;
  private final byte[] data;
  private int position;
  private long bits;
  private int bitCount;
  private boolean atMarker;

  /** Reads from where {@code segments} stand, just after a scan header. */
  EntropyReader(JpegSegments segments) {
    this.segments = segments;
    this.data = segments.data();
    this.position = segments.position();
  }

  /** The next Huffman-coded symbol of {@code table}. */
  int symbol(HuffmanTable table) throws DicomException {
    if (bitCount < 32) {
      fill();
    }
    int entry = table.lookup(peek(HuffmanTable.LOOKAHEAD));
    if (entry != 0) {
      bitCount -= entry >>> 8;
      return entry & 0xFF;
    }
    for (int length = HuffmanTable.LOOKAHEAD + 1; length <= 16; length++) {
      int symbol = table.symbol(peek(length), length);
      if (symbol >= 0) {
        bitCount -= length;
        return symbol;
      }
    }
    throw segments.problem(position, "has a Huffman code its table does not hold");
  }

  /**
   * The signed value of the {@code size} bits that follow a symbol (T.81 F.2.2.1, EXTEND):
   * their number when the first bit is one, else that minus 2^size - 1; 0 for size 0.
   */
  int signed(int size) throws DicomException {
    if (size == 0) {
      return 0;
    }
    if (size > 16) {
      throw segments.problem(position, "has a coefficient of " + size + " bits, more than 16");
    }
    if (bitCount < 32) {
      fill();
    }
    int value = peek(size);
    bitCount -= size;
    return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
  }

  /** Drops what is left of the interval's last byte and reads the restart marker after it. */
  void restart() throws DicomException {
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

  /** Leaves the segments at the marker that ends the scan. */
  void finish() {
    segments.position(position);
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
}
