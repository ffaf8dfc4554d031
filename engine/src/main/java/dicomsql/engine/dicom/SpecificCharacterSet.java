package dicomsql.engine.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How the bytes of SH, LO, ST, LT, UT, UC and PN values become characters, as Specific Character
 * Set (0008,0005) declares.
 */
public final class SpecificCharacterSet {
  /** No (0008,0005): the default repertoire, read as Latin-1 so that stray bytes survive. */
  public static final SpecificCharacterSet DEFAULT =
      new SpecificCharacterSet(new String[0], StandardCharsets.ISO_8859_1);

  private final String[] terms;
  private final Charset charset;

  private SpecificCharacterSet(String[] terms, Charset charset) {
    this.terms = terms;
    this.charset = charset;
  }

  /** The character set the defined terms of (0008,0005) name, e.g. {@code ISO_IR 192}. */
  public static SpecificCharacterSet of(String... terms) {
    if (terms.length == 0 || terms.length == 1 && terms[0].isBlank()) {
      return DEFAULT;
    }
    Charset charset = "ISO_IR 192".equals(terms[0].strip())
        ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    return new SpecificCharacterSet(terms.clone(), charset);
  }

  /** The defined terms, as (0008,0005) lists them. */
  public String[] terms() {
    return terms.clone();
  }

  /** The characters of a whole value (all its values, with their {@code \} separators). */
  public String decode(byte[] bytes, int offset, int length, VR vr) {
    return new String(bytes, offset, length, charset);
  }

  /** The bytes of a value, for writing. */
  public byte[] encode(String text, VR vr) {
    return text.getBytes(charset);
  }
}
