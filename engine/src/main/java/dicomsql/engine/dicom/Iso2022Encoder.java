package dicomsql.engine.dicom;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Encodes one text value with ISO 2022 code extensions: each character goes into the set in
 * force when it has it, else into the first declared set that has it, designated by its escape
 * sequence; G0 returns to its initial set before every delimiter and control character and at
 * the end of the value (PS3.5 6.1.2.5.3).
 */
final class Iso2022Encoder {
  private final GraphicCharacterSet initialG0;
  private final GraphicCharacterSet initialG1;
  private final List<GraphicCharacterSet> declared;
  private final VR vr;
  private final String label;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private GraphicCharacterSet g0;
  private GraphicCharacterSet g1;

  private Iso2022Encoder(GraphicCharacterSet g0, GraphicCharacterSet g1,
      List<GraphicCharacterSet> declared, VR vr, String label) {
    this.initialG0 = g0;
    this.initialG1 = g1;
    this.g0 = g0;
    this.g1 = g1;
    this.declared = declared;
    this.vr = vr;
    this.label = label;
  }

  /**
   * The bytes of {@code text}, starting with {@code g0} and {@code g1} (null: none) designated
   * and free to designate the {@code declared} sets.
   *
   * @throws IllegalArgumentException when no declared set has a character of the text
   */
  static byte[] encode(String text, VR vr, GraphicCharacterSet g0, GraphicCharacterSet g1,
      List<GraphicCharacterSet> declared, String label) {
    return new Iso2022Encoder(g0, g1, declared, vr, label).encode(text);
  }

  private byte[] encode(String text) {
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      int c = text.codePointAt(i);
      if (c == GraphicCharacterSet.ESC) {
        throw new IllegalArgumentException("ESC at index " + i + " of a text value: escape "
            + "sequences are written by the encoder, not taken from the text");
      }
      boolean resets = Iso2022Decoder.returnsToInitialSets(c, vr);
      if (c <= 0x20 || c == 0x7F || resets) {
        returnG0();
        out.write(c);
        if (resets) {
          g1 = initialG1;
        }
      } else {
        character(c, i);
      }
    }
    returnG0();
    return out.toByteArray();
  }

  private void character(int c, int index) {
    int code = g0.encode(c);
    if (code < 0 && g1 != null) {
      code = g1.encode(c);
    }
    for (int k = 0; code < 0 && k < declared.size(); k++) {
      GraphicCharacterSet set = declared.get(k);
      code = set.encode(c);
      if (code >= 0) {
        set.writeEscape(out);
        if (set.isG1()) {
          g1 = set;
        } else {
          g0 = set;
        }
      }
    }
    if (code < 0) {
      throw new IllegalArgumentException(String.format(
          "'%s' (U+%04X) at index %d cannot be encoded in %s",
          new String(Character.toChars(c)), c, index, label));
    }
    if (code > 0xFF) {
      out.write(code >>> 8);
    }
    out.write(code & 0xFF);
  }

  private void returnG0() {
    if (g0 != initialG0) {
      initialG0.writeEscape(out);
      g0 = initialG0;
    }
  }
}
