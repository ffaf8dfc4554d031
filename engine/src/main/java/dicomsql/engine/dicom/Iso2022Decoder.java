package dicomsql.engine.dicom;

/**
 * Decodes one text value written with ISO 2022 code extensions (PS3.5 6.1.2.5): escape
 * sequences designate sets to G0 and G1, and the initial sets come back at each delimiter.
 */
final class Iso2022Decoder {
  private static final char REPLACEMENT = '\uFFFD';

  private final GraphicCharacterSet initialG0;
  private final GraphicCharacterSet initialG1;
  private final VR vr;
  private final StringBuilder text;
  private GraphicCharacterSet g0;
  private GraphicCharacterSet g1;
  /** Two-byte codes of one set not yet decoded, so that a run of them is decoded at once. */
  private final byte[] run;
  private int runLength;
  private GraphicCharacterSet runSet;

  private Iso2022Decoder(GraphicCharacterSet g0, GraphicCharacterSet g1, VR vr, int length) {
    this.initialG0 = g0;
    this.initialG1 = g1;
    this.g0 = g0;
    this.g1 = g1;
    this.vr = vr;
    this.text = new StringBuilder(length);
    this.run = new byte[length];
  }

  /**
   * The characters of a value that starts with {@code g0} and {@code g1} (null: none) designated.
   * Bytes 0x80-0xFF with no G1 set read as Latin-1, as the default repertoire does.
   */
  static String decode(GraphicCharacterSet g0, GraphicCharacterSet g1, byte[] bytes, int offset,
      int length, VR vr) {
    return new Iso2022Decoder(g0, g1, vr, length).decode(bytes, offset, offset + length);
  }

  private String decode(byte[] bytes, int from, int end) {
    int i = from;
    while (i < end) {
      int b = bytes[i] & 0xFF;
      if (b == GraphicCharacterSet.ESC) {
        i = escape(bytes, i + 1, end);
        continue;
      }
      GraphicCharacterSet set = b < 0x80 ? g0 : g1;
      if (b <= 0x20 || b == 0x7F || set == null || !set.isMultiByte()) {
        single(b, set);
        i++;
      } else if (i + 1 < end && set.inRange(b) && set.inRange(bytes[i + 1] & 0xFF)) {
        if (runSet != set) {
          flush();
          runSet = set;
        }
        run[runLength++] = bytes[i];
        run[runLength++] = bytes[i + 1];
        i += 2;
      } else {
        flush();
        text.append(REPLACEMENT);
        i++;
      }
    }
    flush();
    return text.toString();
  }

  /** A control character, a space, or a character of a single-byte set. */
  private void single(int b, GraphicCharacterSet set) {
    flush();
    char c = b < 0x80 || set == null ? (char) b : set.upperHalf(b);
    text.append(c);
    if (b < 0x80 && returnsToInitialSets(c, vr)) {
      g0 = initialG0;
      g1 = initialG1;
    }
  }

  /**
   * Whether the initial G0 and G1 sets are back after this character: CR, LF, FF, TAB, the
   * value delimiter, and in person names the component and group delimiters.
   */
  static boolean returnsToInitialSets(int c, VR vr) {
    return c == '\r' || c == '\n' || c == '\f' || c == '\t'
        || vr != null && (c == '\\' && vr.isMultiValuedText()
            || vr == VR.PN && (c == '^' || c == '='));
  }

  /**
   * Reads the escape sequence whose ESC was just before {@code from}: intermediate bytes
   * 02/00-02/15 then a final byte 03/00-07/14. Returns where the text goes on.
   */
  private int escape(byte[] bytes, int from, int end) {
    flush();
    int j = from;
    while (j < end && bytes[j] >= 0x20 && bytes[j] <= 0x2F) {
      j++;
    }
    if (j == from || j == end || bytes[j] < 0x30 || bytes[j] > 0x7E) {
      text.append(REPLACEMENT);
      return j;
    }
    GraphicCharacterSet set = GraphicCharacterSet.ofEscape(bytes, from, j + 1);
    if (set == null) {
      text.append(REPLACEMENT);
    } else if (set.isG1()) {
      g1 = set;
    } else {
      g0 = set;
    }
    return j + 1;
  }

  private void flush() {
    if (runLength > 0) {
      text.append(runSet.decodePairs(run, runLength));
      runLength = 0;
    }
    runSet = null;
  }
}
