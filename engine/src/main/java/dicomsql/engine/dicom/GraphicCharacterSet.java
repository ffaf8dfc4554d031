package dicomsql.engine.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;

/**
 * A graphic character set that ISO 2022 code extensions designate to G0 or G1 (PS3.3 Tables
 * C.12-3 and C.12-4): its escape sequence, its element, and how its codes map to characters.
 */
enum GraphicCharacterSet {
  ISO_IR_6("(B", false, 1, null),
  // JIS X 0201 Romaji reads as ASCII, as pydicom and iconv read it, so that 05/12 stays the
  // backslash that delimits values instead of becoming a YEN SIGN.
  ISO_IR_14("(J", false, 1, null),
  ISO_IR_13(")I", true, 1, "JIS_X0201"),
  ISO_IR_100("-A", true, 1, "ISO-8859-1"),
  ISO_IR_101("-B", true, 1, "ISO-8859-2"),
  ISO_IR_109("-C", true, 1, "ISO-8859-3"),
  ISO_IR_110("-D", true, 1, "ISO-8859-4"),
  ISO_IR_144("-L", true, 1, "ISO-8859-5"),
  ISO_IR_127("-G", true, 1, "ISO-8859-6"),
  ISO_IR_126("-F", true, 1, "ISO-8859-7"),
  ISO_IR_138("-H", true, 1, "ISO-8859-8"),
  ISO_IR_148("-M", true, 1, "ISO-8859-9"),
  ISO_IR_166("-T", true, 1, "TIS-620"),
  ISO_IR_87("$B", false, 2, "x-JIS0208"),
  ISO_IR_159("$(D", false, 2, "JIS_X0212-1990"),
  ISO_IR_149("$)C", true, 2, "EUC-KR"),
  ISO_IR_58("$)A", true, 2, "GB2312");

  static final int ESC = 0x1B;
  private static final char REPLACEMENT = '\uFFFD';
  // JIS X 0208 1-29: the Unicode mapping table JIS0208.TXT, glibc and Python say HORIZONTAL
  // BAR; Java's x-JIS0208 says EM DASH.
  private static final char JIS_HORIZONTAL_BAR = '\u2015';
  private static final char JAVA_JIS_DASH = '\u2014';

  private final byte[] escape;
  private final boolean g1;
  private final boolean multiByte;
  private final Charset charset;
  /** Characters of the single-byte G1 codes 0x80 to 0xFF. */
  private final char[] upperHalf;

  GraphicCharacterSet(String escape, boolean g1, int bytesPerChar, String charsetName) {
    this.escape = ((char) ESC + escape).getBytes(StandardCharsets.US_ASCII);
    this.g1 = g1;
    this.multiByte = bytesPerChar == 2;
    this.charset = charsetName == null ? null : lookup(charsetName);
    this.upperHalf = g1 && !multiByte ? upperHalf(charset) : null;
  }

  /** The Java charset, or null when the runtime lacks it (jlinked without jdk.charsets). */
  private static Charset lookup(String name) {
    try {
      return Charset.forName(name);
    } catch (UnsupportedCharsetException | IllegalCharsetNameException e) {
      return null;
    }
  }

  private static char[] upperHalf(Charset charset) {
    char[] chars = new char[128];
    for (int i = 0; i < chars.length; i++) {
      String decoded = charset == null ? "" : new String(new byte[] {(byte) (0x80 + i)}, charset);
      chars[i] = decoded.length() == 1 ? decoded.charAt(0) : REPLACEMENT;
    }
    return chars;
  }

  /**
   * The set whose escape sequence starts at {@code from} (just after ESC) and ends just before
   * {@code end}; null when DICOM does not use it.
   */
  static GraphicCharacterSet ofEscape(byte[] bytes, int from, int end) {
    for (GraphicCharacterSet set : values()) {
      if (end - from == set.escape.length - 1
          && Arrays.equals(bytes, from, end, set.escape, 1, set.escape.length)) {
        return set;
      }
    }
    // ESC $ @ designates JIS C 6226-1978, which old Japanese systems send for JIS X 0208.
    if (end - from == 2 && bytes[from] == '$' && bytes[from + 1] == '@') {
      return ISO_IR_87;
    }
    return null;
  }

  boolean isG1() {
    return g1;
  }

  boolean isMultiByte() {
    return multiByte;
  }

  void writeEscape(ByteArrayOutputStream out) {
    out.write(escape, 0, escape.length);
  }

  /** The character of a single-byte G1 code, 0x80 to 0xFF. */
  char upperHalf(int code) {
    return upperHalf[code - 0x80];
  }

  /**
   * The characters of two-byte codes, as the bytes stand in the value: 7-bit for a G0 set,
   * 8-bit for a G1 set.
   */
  String decodePairs(byte[] pairs, int length) {
    if (charset == null) {
      return String.valueOf(REPLACEMENT).repeat(length / 2);
    }
    String text = new String(pairs, 0, length, charset);
    return this == ISO_IR_87 ? text.replace(JAVA_JIS_DASH, JIS_HORIZONTAL_BAR) : text;
  }

  /**
   * The code of one character in this set (one byte, or two bytes as {@code first << 8 |
   * second}), as it stands in G0 or G1; -1 when the set does not have the character.
   */
  int encode(int codePoint) {
    if (!g1 && !multiByte) {
      return codePoint > 0x20 && codePoint < 0x7F ? codePoint : -1;
    }
    if (!multiByte) {
      for (int i = 0; i < upperHalf.length; i++) {
        if (upperHalf[i] == codePoint && codePoint != REPLACEMENT) {
          return 0x80 + i;
        }
      }
      return -1;
    }
    if (charset == null || codePoint > 0xFFFF) {
      return -1;
    }
    char c = this == ISO_IR_87 && codePoint == JIS_HORIZONTAL_BAR
        ? JAVA_JIS_DASH : (char) codePoint;
    try {
      ByteBuffer bytes = charset.newEncoder().encode(CharBuffer.wrap(new char[] {c}));
      if (bytes.remaining() != 2) {
        return -1;
      }
      int code = (bytes.get(0) & 0xFF) << 8 | bytes.get(1) & 0xFF;
      return inRange(code >>> 8) && inRange(code & 0xFF) ? code : -1;
    } catch (CharacterCodingException e) {
      return -1;
    }
  }

  /** Whether a byte of a two-byte code is one this set's element uses: 0x21-0x7E or 0xA1-0xFE. */
  boolean inRange(int b) {
    int low = b & 0x7F;
    return low > 0x20 && low < 0x7F && (b >= 0x80) == g1;
  }
}
