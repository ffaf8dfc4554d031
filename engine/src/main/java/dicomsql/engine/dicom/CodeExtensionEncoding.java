package dicomsql.engine.dicom;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A Specific Character Set with ISO 2022 code extensions: the sets value 1 names are in force
 * at the start of each value and after each delimiter, and escape sequences switch to others.
 */
final class CodeExtensionEncoding implements CharacterEncoding {
  private final GraphicCharacterSet initialG0;
  private final GraphicCharacterSet initialG1;
  private final List<GraphicCharacterSet> declared;
  private final String label;

  /**
   * @param initialG0 a single-byte G0 set
   * @param initialG1 the G1 set in force at first, or null
   * @param declared every set the defined terms name, the initial ones first
   */
  CodeExtensionEncoding(GraphicCharacterSet initialG0, GraphicCharacterSet initialG1,
      List<GraphicCharacterSet> declared, String label) {
    this.initialG0 = initialG0;
    this.initialG1 = initialG1;
    this.declared = List.copyOf(declared);
    this.label = label;
  }

  @Override
  public String decode(byte[] bytes, int offset, int length, VR vr) {
    if (isAscii(bytes, offset, length)) {
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
    return Iso2022Decoder.decode(initialG0, initialG1, bytes, offset, length, vr);
  }

  /** Whether the value has no escape sequences and only 7-bit bytes: the usual case. */
  private static boolean isAscii(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] < 0 || bytes[i] == GraphicCharacterSet.ESC) {
        return false;
      }
    }
    return true;
  }

  @Override
  public byte[] encode(String text, VR vr) {
    return Iso2022Encoder.encode(text, vr, initialG0, initialG1, declared, label);
  }
}
