package dicomsql.engine.dicom;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.util.Arrays;

/**
 * A character set without code extensions, so one Java charset reads a whole value, backslashes
 * included: in GBK and GB18030 a 0x5C byte may end a two-byte character and is no delimiter.
 */
final class FixedCharsetEncoding implements CharacterEncoding {
  private final Charset decoding;
  private final Charset encoding;
  private final String label;

  /**
   * A set read with {@code decoding} and written with {@code encoding}, which may be a subset
   * so that the writer stays within the declared set while the reader forgives.
   */
  FixedCharsetEncoding(Charset decoding, Charset encoding, String label) {
    this.decoding = decoding;
    this.encoding = encoding;
    this.label = label;
  }

  @Override
  public String decode(byte[] bytes, int offset, int length, VR vr) {
    return new String(bytes, offset, length, decoding);
  }

  @Override
  public byte[] encode(String text, VR vr) {
    CharsetEncoder encoder = encoding.newEncoder();
    CharBuffer in = CharBuffer.wrap(text);
    ByteBuffer out = ByteBuffer.allocate((int) (text.length() * encoder.maxBytesPerChar()) + 4);
    CoderResult result = encoder.encode(in, out, true);
    if (!result.isUnderflow()) {
      int c = text.codePointAt(in.position());
      throw new IllegalArgumentException(String.format(
          "'%s' (U+%04X) at index %d cannot be encoded in %s",
          new String(Character.toChars(c)), c, in.position(), label));
    }
    encoder.flush(out);
    return Arrays.copyOf(out.array(), out.position());
  }
}
