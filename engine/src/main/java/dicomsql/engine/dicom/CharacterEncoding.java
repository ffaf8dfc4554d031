package dicomsql.engine.dicom;

/** How the text of one Specific Character Set becomes bytes and back. */
interface CharacterEncoding {
  /** The characters of a whole value; bytes the set does not define become U+FFFD. */
  String decode(byte[] bytes, int offset, int length, VR vr);

  /**
   * The bytes of a whole value.
   *
   * @throws IllegalArgumentException when the set lacks a character of the text
   */
  byte[] encode(String text, VR vr);
}
