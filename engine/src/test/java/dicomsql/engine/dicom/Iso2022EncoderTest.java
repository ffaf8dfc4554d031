package dicomsql.engine.dicom;

import static dicomsql.engine.dicom.Iso2022DecoderTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Iso2022EncoderTest {
  private static byte[] encode(String terms, VR vr, String text) {
    return SpecificCharacterSet.of(terms.split("\\\\", -1)).encode(text, vr);
  }

  @Test
  void encodesJapanesePersonNameAsAnnexH() {
    assertThat(encode("\\ISO 2022 IR 87", VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう"))
        .isEqualTo(bytes("Yamada^Tarou=\u001b$B;3ED\u001b(B^\u001b$BB@O:\u001b(B="
            + "\u001b$B$d$^$@\u001b(B^\u001b$B$?$m$&\u001b(B"));
    assertThat(encode("ISO 2022 IR 13\\ISO 2022 IR 87", VR.PN, "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"))
        .isEqualTo(bytes("\u00d4\u00cf\u00c0\u00de^\u00c0\u00db\u00b3=\u001b$B;3ED\u001b(J^"
            + "\u001b$BB@O:\u001b(J=\u001b$B$d$^$@\u001b(J^\u001b$B$?$m$&\u001b(J"));
  }

  @Test
  void encodesJisX0212CharacterBetweenJisX0208Ones() {
    assertThat(encode("ISO 2022 IR 6\\ISO 2022 IR 87\\ISO 2022 IR 159", VR.PN,
        "Mori^Ogai=森^鷗外=もり^おうがい"))
        .isEqualTo(bytes("Mori^Ogai=\u001b$B?9\u001b(B^\u001b$(Dl?\u001b$B30\u001b(B="
            + "\u001b$B$b$j\u001b(B^\u001b$B$*$&$,$$\u001b(B"));
  }

  @Test
  void encodesKoreanPersonNameAsAnnexI() {
    assertThat(encode("\\ISO 2022 IR 149", VR.PN, "Hong^Gildong=洪^吉洞=홍^길동"))
        .isEqualTo(bytes("Hong^Gildong=\u001b$)C\u00fb\u00f3^\u001b$)C\u00d1\u00ce\u00d4\u00d7="
            + "\u001b$)C\u00c8\u00ab^\u001b$)C\u00b1\u00e6\u00b5\u00bf"));
  }

  @Test
  void encodesGb2312PersonNameAsAnnexK() {
    assertThat(encode("\\ISO 2022 IR 58", VR.PN, "Zhang^XiaoDong=张^小东="))
        .isEqualTo(bytes("Zhang^XiaoDong=\u001b$)A\u00d5\u00c5^\u001b$)A\u00d0\u00a1\u00b6"
            + "\u00ab="));
  }

  @Test
  void designatesAgainAfterEachValueDelimiter() {
    assertThat(encode("ISO 2022 IR 100\\ISO 2022 IR 144\\ISO 2022 IR 126", VR.LO,
        "Buc^Jérôme\\Διονυσιος\\Люкceмбypг"))
        .isEqualTo(bytes("Buc^J\u00e9r\u00f4me\\\u001b-F\u00c4\u00e9\u00ef\u00ed\u00f5\u00f3"
            + "\u00e9\u00ef\u00f2\\\u001b-L\u00bb\u00ee\u00dace\u00dc\u00d1yp\u00d3"));
  }

  @Test
  void returnsToAsciiBeforeSpacesAndLineBreaks() {
    assertThat(encode("\\ISO 2022 IR 87", VR.LT, "山 田\r\n山"))
        .isEqualTo(bytes("\u001b$B;3\u001b(B \u001b$BED\u001b(B\r\n\u001b$B;3\u001b(B"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ISO 2022 IR 6                  |Smith^John",
      "ISO 2022 IR 100                |Äneas^Rüdiger\\Buc^Jérôme",
      "ISO 2022 IR 101                |Wałęsa",
      "ISO 2022 IR 109                |antaŭnomo",
      "ISO 2022 IR 110                |vārds",
      "ISO 2022 IR 144                |Люкceмбypг",
      "ISO 2022 IR 127                |قباني^لنزار",
      "ISO 2022 IR 126                |Διονυσιος",
      "ISO 2022 IR 138                |שרון^דבורה",
      "ISO 2022 IR 148                |Çavuşoğlu",
      "ISO 2022 IR 166                |นามสกุล",
      "ISO 2022 IR 13                 |ﾔﾏﾀﾞ^ﾀﾛｳ",
      "ISO 2022 IR 100\\ISO 2022 IR 126|Jérôme=Διονυσιος\\Ελένη=Hélène",
      "\\ISO 2022 IR 87\\ISO 2022 IR 159|森^鷗外=Mori^Ogai\\目本^樛楹=ソ^マ",
      "ISO 2022 IR 13\\ISO 2022 IR 87  |ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎\\ｱ山a",
      "\\ISO 2022 IR 149               |김희중\\Hong^Gildong=洪^吉洞=홍^길동",
      "\\ISO 2022 IR 58                |王^小东=Wang\\张^小东",
      "ISO 2022 IR 149\\ISO 2022 IR 87 |홍^길동=山田\\やまだ"})
  void readsBackWhatItWrites(String terms, String text) {
    SpecificCharacterSet charset = SpecificCharacterSet.of(terms.split("\\\\", -1));
    byte[] encoded = charset.encode(text, VR.PN);
    assertThat(charset.decode(encoded, 0, encoded.length, VR.PN)).isEqualTo(text);
  }

  @Test
  void refusesCharactersNoDeclaredSetHas() {
    assertThatThrownBy(() -> encode("\\ISO 2022 IR 87", VR.PN, "山田^김"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'김' (U+AE40) at index 3 cannot be encoded in Specific Character Set "
            + "\\ISO 2022 IR 87");
  }

  @Test
  void refusesEscapeInTheText() {
    assertThatThrownBy(() -> encode("\\ISO 2022 IR 87", VR.LO, "a\u001b$Bb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ESC at index 1");
  }
}
