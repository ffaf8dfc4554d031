package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;

/**
 * A JPEG Huffman table (T.81 C and F.2.2.3): codes up to {@value #LOOKAHEAD} bits long are found
 * with one look into a table, longer ones through the per-length code limits.
 */
final class HuffmanTable {
  static final int LOOKAHEAD = 9;

  /** By the next LOOKAHEAD bits: code length << 8 | symbol, or 0 for a longer code. */
  private final int[] lookup = new int[1 << LOOKAHEAD];
  private final int[] maxCode = new int[18];
  private final int[] firstIndex = new int[17];
  private final int[] firstCode = new int[17];
  private final int[] symbols;

  private HuffmanTable(int[] counts, int[] symbols) throws DicomException {
    this.symbols = symbols;
    int code = 0;
    int index = 0;
    for (int length = 1; length <= 16; length++) {
      firstIndex[length] = index;
      firstCode[length] = code;
      for (int i = 0; i < counts[length]; i++, index++, code++) {
        if (length <= LOOKAHEAD) {
          int shift = LOOKAHEAD - length;
          int entry = length << 8 | symbols[index];
          for (int fill = code << shift, end = (code + 1) << shift; fill < end; fill++) {
            lookup[fill] = entry;
          }
        }
      }
      maxCode[length] = counts[length] == 0 ? -1 : code - 1;
      if (code > 1 << length) {
        throw new DicomException("a JPEG Huffman table has more codes of " + length
            + " bits than there are");
      }
      code <<= 1;
    }
    maxCode[17] = Integer.MAX_VALUE;
  }

  /** Reads a table's 16 counts and its symbols; the class and id byte was read before. */
  static HuffmanTable read(JpegSegments in) throws DicomException {
    int[] counts = new int[17];
    int total = 0;
    for (int length = 1; length <= 16; length++) {
      counts[length] = in.u8();
      total += counts[length];
    }
    if (total > 256) {
      throw in.problem("has a Huffman table of " + total + " symbols, more than 256");
    }
    int[] symbols = new int[total];
    for (int i = 0; i < total; i++) {
      symbols[i] = in.u8();
    }
    return new HuffmanTable(counts, symbols);
  }

  /** The lookup entry of the next LOOKAHEAD bits: length << 8 | symbol, 0 when longer. */
  int lookup(int bits) {
    return lookup[bits];
  }

  /** The symbol of a code of {@code length} bits, or -1 when no code of that length matches. */
  int symbol(int code, int length) {
    return code <= maxCode[length] ? symbols[firstIndex[length] + code - firstCode[length]] : -1;
  }
}
