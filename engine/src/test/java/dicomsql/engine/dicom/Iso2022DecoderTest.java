package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Iso2022DecoderTest {
  /** Bytes written as a string of chars U+0000-U+00FF; ESC is {@code \u001b}. */
  static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String decode(String terms, VR vr, String raw) {
    byte[] value = bytes(raw);
    return SpecificCharacterSet.of(terms.split("\\\\", -1)).decode(value, 0, value.length, vr);
  }

  @Test
  void decodesJapanesePersonNameWithIso2022Escapes() {
    // PS3.5 H.3.1
    String raw = "Yamada^Tarou=\u001b$B;3ED\u001b(B^\u001b$BB@O:\u001b(B="
        + "\u001b$B$d$^$@\u001b(B^\u001b$B$?$m$&\u001b(B";
    assertThat(decode("\\ISO 2022 IR 87", VR.PN, raw))
        .isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
  }

  @Test
  void decodesHalfWidthKatakanaFromInitialG1AndKanjiAfterRomajiEscapes() {
    // PS3.5 H.3.2
    String raw = "\u00d4\u00cf\u00c0\u00de^\u00c0\u00db\u00b3=\u001b$B;3ED\u001b(J^"
        + "\u001b$BB@O:\u001b(J=\u001b$B$d$^$@\u001b(J^\u001b$B$?$m$&\u001b(J";
    assertThat(decode("ISO 2022 IR 13\\ISO 2022 IR 87", VR.PN, raw))
        .isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
  }

  @Test
  void decodesJisX0212AfterJisX0208InOneComponent() {
    // pydicom's test of PS3.5 H.3 style names with a JIS X 0212 character.
    String raw = "Mori^Ogai=\u001b$B?9\u001b(B^\u001b$(Dl?\u001b$B30\u001b(B="
        + "\u001b$B$b$j\u001b(B^\u001b$B$*$&$,$$\u001b(B";
    assertThat(decode("ISO 2022 IR 6\\ISO 2022 IR 87\\ISO 2022 IR 159", VR.PN, raw))
        .isEqualTo("Mori^Ogai=森^鷗外=もり^おうがい");
  }

  @Test
  void decodesKoreanPersonNameWithG1EscapeInEachComponent() {
    // PS3.5 I.2
    String raw = "Hong^Gildong=\u001b$)C\u00fb\u00f3^\u001b$)C\u00d1\u00ce\u00d4\u00d7="
        + "\u001b$)C\u00c8\u00ab^\u001b$)C\u00b1\u00e6\u00b5\u00bf";
    assertThat(decode("\\ISO 2022 IR 149", VR.PN, raw))
        .isEqualTo("Hong^Gildong=洪^吉洞=홍^길동");
  }

  @Test
  void decodesGb2312PersonNameAsCodeExtension() {
    // PS3.5 Annex K (GB 2312 with code extensions)
    String raw = "Zhang^XiaoDong=\u001b$)A\u00d5\u00c5^\u001b$)A\u00d0\u00a1\u00b6\u00ab=";
    assertThat(decode("\\ISO 2022 IR 58", VR.PN, raw)).isEqualTo("Zhang^XiaoDong=张^小东=");
  }

  @Test
  void decodesGb2312LinesThatEachDesignateG1Again() {
    String raw = "1.\u001b$)A\u00b5\u00da\u00d2\u00bb\u00d0\u00d0\u00ce\u00c4\u00d7\u00d6"
        + "\u00a1\u00a3\r\n2.\u001b$)A\u00b5\u00da\u00b6\u00fe\u00d0\u00d0\u00ce\u00c4\u00d7"
        + "\u00d6\u00a1\u00a3\r\n";
    assertThat(decode("\\ISO 2022 IR 58", VR.LT, raw))
        .isEqualTo("1.第一行文字。\r\n2.第二行文字。\r\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      // pydicom's ENCODED_NAMES, mostly from David Clunie's example files.
      "ISO 2022 IR 13 |ﾔﾏﾀﾞ^ﾀﾛｳ |\u001b)I\u00d4\u00cf\u00c0\u00de^\u001b)I\u00c0\u00db\u00b3",
      "ISO 2022 IR 100|Buc^Jérôme|\u001b-ABuc^\u001b-AJ\u00e9r\u00f4me",
      "ISO 2022 IR 101|Wałęsa    |\u001b-BWa\u00b3\u00easa",
      "ISO 2022 IR 109|antaŭnomo |\u001b-Canta\u00fdnomo",
      "ISO 2022 IR 110|vārds     |\u001b-Dv\u00e0rds",
      "ISO 2022 IR 127|قباني^لنزار|\u001b-G\u00e2\u00c8\u00c7\u00e6\u00ea^\u001b-G\u00e4\u00e6"
          + "\u00d2\u00c7\u00d1",
      "ISO 2022 IR 126|Διονυσιος |\u001b-F\u00c4\u00e9\u00ef\u00ed\u00f5\u00f3\u00e9\u00ef\u00f2",
      "ISO 2022 IR 138|שרון^דבורה|\u001b-H\u00f9\u00f8\u00e5\u00ef^\u001b-H\u00e3\u00e1\u00e5"
          + "\u00f8\u00e4",
      "ISO 2022 IR 144|Люкceмбypг|\u001b-L\u00bb\u00ee\u00dace\u00dc\u00d1yp\u00d3",
      "ISO 2022 IR 148|Çavuşoğlu |\u001b-M\u00c7avu\u00feo\u00f0lu",
      "ISO 2022 IR 166|นามสกุล    |\u001b-T\u00b9\u00d2\u00c1\u00ca\u00a1\u00d8\u00c5"})
  void decodesEachSingleByteCodeExtension(String term, String text, String raw) {
    assertThat(decode("\\" + term.strip(), VR.PN, "ASCII+" + raw))
        .isEqualTo("ASCII+" + text.strip());
  }

  @ParameterizedTest(name = "ISO 2022 IR {0}")
  @CsvSource({"100, -A", "101, -B", "109, -C", "110, -D", "144, -L", "127, -G", "126, -F",
      "138, -H", "148, -M", "166, -T", "13, )I"})
  void readsEachSingleByteG1SetAsTheSetWithoutCodeExtensions(String number, String escape) {
    // ISO_IR 13 reads as Shift_JIS, whose lead bytes 0xE0-0xFC are no katakana.
    int last = number.equals("13") ? 0xDF : 0xFF;
    StringBuilder raw = new StringBuilder();
    for (int b = 0xA0; b <= last; b++) {
      raw.append((char) b);
    }
    String text = decode("ISO_IR " + number, VR.LT, raw.toString());
    assertThat(decode("ISO 2022 IR " + number, VR.LT, raw.toString())).isEqualTo(text);
    assertThat(decode("\\ISO 2022 IR " + number, VR.LT, "a\u001b" + escape + raw))
        .isEqualTo("a" + text);
  }

  @Test
  void readsComponentWithoutItsOwnEscapeInTheInitialSets() {
    // The escape to katakana is not repeated after ^, so G1 is back to none: Latin-1 bytes.
    String raw = "ASCII+\u001b)I\u00d4\u00cf\u00c0\u00de^\u00c0\u00db\u00b3";
    assertThat(decode("\\ISO 2022 IR 13", VR.PN, raw)).isEqualTo("ASCII+ﾔﾏﾀﾞ^ÀÛ³");
  }

  @Test
  void returnsToInitialSetsAtEachValueDelimiter() {
    String raw = "Buc^J\u00e9r\u00f4me\\\u001b-F\u00c4\u00e9\u00ef\u00ed\u00f5\u00f3\u00e9\u00ef"
        + "\u00f2\\\u001b-L\u00bb\u00ee\u00dace\u00dc\u00d1yp\u00d3\\J\u00e9r\u00f4me";
    String text = decode("ISO 2022 IR 100\\ISO 2022 IR 144\\ISO 2022 IR 126", VR.LO, raw);
    assertThat(TextValues.split(text, VR.LO))
        .containsExactly("Buc^Jérôme", "Διονυσιος", "Люкceмбypг", "Jérôme");
  }

  @Test
  void returnsToInitialSetsAtLineBreaksAndTabs() {
    String raw = "\u001b-L\u00bb\r\n\u00bb\u001b-L\u00bb\t\u00bb\u001b-L\u00bb\f\u00bb";
    assertThat(decode("ISO 2022 IR 100\\ISO 2022 IR 144", VR.LT, raw))
        .isEqualTo("Л\r\n»Л\t»Л\f»");
  }

  @Test
  void keepsSetsAcrossBackslashInSingleValuedText() {
    assertThat(decode("\\ISO 2022 IR 144", VR.ST, "\u001b-L\u00bb\\\u00bb"))
        .isEqualTo("Л\\Л");
  }

  @Test
  void keepsSetsAcrossComponentDelimitersOutsidePersonNames() {
    assertThat(decode("\\ISO 2022 IR 144", VR.LO, "\u001b-L\u00bb^\u00bb=\u00bb"))
        .isEqualTo("Л^Л=Л");
  }

  @Test
  void readsBackslashInsideJisX0208CharactersAsPartOfTheCharacter() {
    // 目 本 樛 楹 ぼ ボ have 0x5C as first or second byte.
    String raw = "\u00d4\u00cf\u00c0\u00de^\u00c0\u00db\u00b3\\\u001b$BL\\K\\\u001b(J^"
        + "\u001b$B\\\\\\3\u001b(J\\\u001b$B$\\\u001b(J^\u001b$B%\\\u001b(J";
    String text = decode("ISO 2022 IR 13\\ISO 2022 IR 87", VR.PN, raw);
    assertThat(TextValues.split(text, VR.PN)).containsExactly("ﾔﾏﾀﾞ^ﾀﾛｳ", "目本^樛楹", "ぼ^ボ");
  }

  @Test
  void readsCaretAndEqualsInsideJisX0208CharactersAsPartOfTheCharacter() {
    // ソ is 25 3D ('%=') and マ is 25 5E ('%^'): they are no component delimiters.
    String raw = "\u001b$B%=%^\u001b(B^\u001b$B$=$^\u001b(B";
    assertThat(decode("\\ISO 2022 IR 87", VR.PN, raw)).isEqualTo("ソマ^そま");
  }

  @Test
  void readsSpaceInsideJisX0208TextAsSpace() {
    assertThat(decode("\\ISO 2022 IR 87", VR.LO, "\u001b$B;3 ED\u001b(B"))
        .isEqualTo("山 田");
  }

  @Test
  void readsJisX0208HorizontalBarAsTheUnicodeMappingTableDoes() {
    assertThat(decode("\\ISO 2022 IR 87", VR.LO, "\u001b$B!=\u001b(B")).isEqualTo("\u2015");
  }

  @Test
  void readsOldJisEscapeAsJisX0208() {
    assertThat(decode("\\ISO 2022 IR 87", VR.LO, "\u001b$@;3ED\u001b(B")).isEqualTo("山田");
  }

  @Test
  void readsHighBytesWithoutG1AsLatin1() {
    assertThat(decode("\\ISO 2022 IR 87", VR.LO, "J\u00e9r\u00f4me")).isEqualTo("Jérôme");
  }

  @Test
  void replacesUnknownAndTruncatedEscapeSequences() {
    assertThat(decode("\\ISO 2022 IR 87", VR.LO, "a\u001b(Zb\u001b$")).isEqualTo("a\uFFFDb\uFFFD");
  }

  @Test
  void replacesBytesInvalidInTheDesignatedSet() {
    // A lone first byte of JIS X 0208, a G1 byte KS X 1001 lacks, and an unassigned JIS row.
    assertThat(decode("\\ISO 2022 IR 87", VR.LO, "\u001b$B;")).isEqualTo("\uFFFD");
    assertThat(decode("\\ISO 2022 IR 149", VR.LO, "\u001b$)C\u00a0a")).isEqualTo("\uFFFDa");
    assertThat(decode("\\ISO 2022 IR 87", VR.LO, "\u001b$B/!\u001b(B")).isEqualTo("\uFFFD");
  }

  @Test
  void readsKoreanInitialG1WithoutEscapes() {
    assertThat(decode("ISO 2022 IR 149", VR.PN, "\u00b1\u00e8\u00c8\u00f1\u00c1\u00df"))
        .isEqualTo("김희중");
  }
}
