package dicomsql.engine.dicom;

import static dicomsql.engine.dicom.Iso2022DecoderTest.bytes;
import static dicomsql.engine.dicom.Iso2022DecoderTest.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecificCharacterSetTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // Patient names of David Clunie's example files (pydicom's charset_files).
      "ISO_IR 100|Buc^J\u00e9r\u00f4me                     |Buc^Jérôme",
      "ISO_IR 101|Wa\u00b3\u00easa                          |Wałęsa",
      "ISO_IR 109|anta\u00fdnomo                           |antaŭnomo",
      "ISO_IR 110|v\u00e0rds                              |vārds",
      "ISO_IR 144|\u00bb\u00ee\u00dace\u00dc\u00d1yp\u00d3  |Люкceмбypг",
      "ISO_IR 127|\u00e2\u00c8\u00c7\u00e6\u00ea^\u00e4\u00e6\u00d2\u00c7\u00d1|قباني^لنزار",
      "ISO_IR 126|\u00c4\u00e9\u00ef\u00ed\u00f5\u00f3\u00e9\u00ef\u00f2|Διονυσιος",
      "ISO_IR 138|\u00f9\u00f8\u00e5\u00ef^\u00e3\u00e1\u00e5\u00f8\u00e4|שרון^דבורה",
      "ISO_IR 148|\u00c7avu\u00feo\u00f0lu                 |Çavuşoğlu",
      "ISO_IR 166|\u00b9\u00d2\u00c1\u00ca\u00a1\u00d8\u00c5|นามสกุล",
      "ISO_IR 13 |\u00d4\u00cf\u00c0\u00de^\u00c0\u00db\u00b3|ﾔﾏﾀﾞ^ﾀﾛｳ",
      "ISO_IR 192|Wang^XiaoDong=\u00e7\u008e\u008b^\u00e5\u00b0\u008f\u00e6\u009d\u00b1=|"
          + "Wang^XiaoDong=王^小東=",
      "GB18030   |Wang^XiaoDong=\u00cd\u00f5^\u00d0\u00a1\u00b6\u00ab=|Wang^XiaoDong=王^小东=",
      "GBK       |Wang^XiaoDong=\u00cd\u00f5^\u00d0\u00a1\u00b6\u00ab=|Wang^XiaoDong=王^小东="})
  void decodesAndEncodesEachSetWithoutCodeExtensions(String term, String raw, String text) {
    SpecificCharacterSet charset = SpecificCharacterSet.of(term);
    assertThat(charset.problems()).isEmpty();
    assertThat(decode(term, VR.PN, raw)).isEqualTo(text);
    assertThat(charset.encode(text, VR.PN)).isEqualTo(bytes(raw));
  }

  @Test
  void splitsGbkValuesOnlyAtBackslashesThatAreNoTrailBytes() {
    // 衆 is D0 5C and 乗 is 81 5C in GBK and GB18030.
    for (String term : new String[] {"GBK", "GB18030"}) {
      DataSet dataSet = new DataSet();
      dataSet.putString(Tag.SpecificCharacterSet, VR.CS, term);
      dataSet.putBytes(Tag.ReferringPhysicianName, VR.PN,
          bytes("Wang^XiaoDong\\\u00cd\u00f5^\u00d0\\\u00b6\u00ab\\\u0081\\"));
      assertThat(dataSet.getStrings(Tag.ReferringPhysicianName))
          .containsExactly("Wang^XiaoDong", "王^衆东", "乗");
      dataSet.putString(Tag.ReferringPhysicianName, VR.PN, "王^衆东", "乗");
      assertThat(dataSet.getStrings(Tag.ReferringPhysicianName)).containsExactly("王^衆东", "乗");
    }
  }

  @Test
  void readsShiftJisLabelledIsoIr13AsPydicomDoesButWritesOnlyJisX0201() {
    assertThat(decode("ISO_IR 13", VR.LO, "\u0095\\\u00b1")).isEqualTo("表ｱ");
    assertThatThrownBy(() -> SpecificCharacterSet.of("ISO_IR 13").encode("表", VR.LO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheDefaultRepertoireAsLatin1() {
    byte[] raw = bytes("M\u00fcller^\u0080\u00ff");
    assertThat(SpecificCharacterSet.DEFAULT.decode(raw, 0, raw.length, VR.PN))
        .isEqualTo("Müller^\u0080ÿ");
    assertThat(SpecificCharacterSet.of()).isSameAs(SpecificCharacterSet.DEFAULT);
    assertThat(SpecificCharacterSet.of("")).isSameAs(SpecificCharacterSet.DEFAULT);
    assertThat(SpecificCharacterSet.of(" ", "")).isSameAs(SpecificCharacterSet.DEFAULT);
  }

  @Test
  void refusesToWriteWhatTheSetLacks() {
    assertThatThrownBy(() -> SpecificCharacterSet.DEFAULT.encode("Ab山", VR.LO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'山' (U+5C71) at index 2 cannot be encoded in the default repertoire");
    assertThatThrownBy(() -> SpecificCharacterSet.of("ISO_IR 100").encode("Δ", VR.LO))
        .hasMessage("'Δ' (U+0394) at index 0 cannot be encoded in Specific Character Set "
            + "ISO_IR 100");
    assertThatThrownBy(() -> SpecificCharacterSet.of("ISO_IR 192").encode("a\uD800", VR.LO))
        .hasMessageContaining("at index 1");
  }

  @Test
  void replacesBytesTheSetDoesNotDefine() {
    assertThat(decode("ISO_IR 192", VR.LO, "a\u00ffb\u00e7\u008e")).isEqualTo("a\uFFFDb\uFFFD");
    assertThat(decode("ISO_IR 127", VR.LO, "\u00a1")).isEqualTo("\uFFFD");
    assertThat(decode("ISO_IR 166", VR.LO, "\u00db")).isEqualTo("\uFFFD");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ISO-IR 100", "ISO_IR100", "iso_ir 100", "ISO IR 100", "ISO_IR 100 "})
  void readsMisspelledTermsAsTheTermTheyMean(String term) {
    SpecificCharacterSet charset = SpecificCharacterSet.of(term);
    assertThat(charset.decode(bytes("J\u00e9r\u00f4me"), 0, 6, VR.PN)).isEqualTo("Jérôme");
    assertThat(charset.terms()).containsExactly(term);
    if (!term.strip().equals("ISO_IR 100")) {
      assertThat(charset.problems())
          .containsExactly("'" + term.strip() + "' is not a defined term; read as 'ISO_IR 100'");
    }
  }

  @Test
  void readsMisspelledCodeExtensions() {
    SpecificCharacterSet charset = SpecificCharacterSet.of("", "ISO 2022-IR 87");
    byte[] raw = bytes("\u001b$B;3ED\u001b(B");
    assertThat(charset.decode(raw, 0, raw.length, VR.PN)).isEqualTo("山田");
    assertThat(charset.problems())
        .containsExactly("'ISO 2022-IR 87' is not a defined term; read as 'ISO 2022 IR 87'");
    assertThat(decode("\\ISO_IR 149", VR.PN, "\u001b$)C\u00c8\u00ab")).isEqualTo("홍");
    assertThat(decode("UTF-8", VR.PN, "\u00e7\u008e\u008b")).isEqualTo("王");
  }

  @Test
  void theSameTermsGiveTheSameSetEachTimeAndOthersTheirOwn() {
    SpecificCharacterSet latin1 = SpecificCharacterSet.of("ISO_IR 100");
    assertThat(SpecificCharacterSet.of("ISO_IR 100")).isSameAs(latin1);
    SpecificCharacterSet padded = SpecificCharacterSet.of(" ISO_IR 100");
    assertThat(padded.terms()).containsExactly(" ISO_IR 100");
    assertThat(padded.decode(bytes("J\u00e9"), 0, 2, VR.PN)).isEqualTo("Jé");
    SpecificCharacterSet utf8 = SpecificCharacterSet.of("ISO_IR 192");
    assertThat(utf8.decode(bytes("\u00c3\u00a9"), 0, 2, VR.PN)).isEqualTo("é");
    assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 87").problems()).isEmpty();
    assertThat(SpecificCharacterSet.of((String) null)).isSameAs(SpecificCharacterSet.DEFAULT);
  }

  @Test
  void readsUnknownTermAsDefaultRepertoireAndSaysSo() {
    SpecificCharacterSet charset = SpecificCharacterSet.of("ISO_IR 999");
    assertThat(charset.decode(bytes("J\u00e9"), 0, 2, VR.PN)).isEqualTo("Jé");
    assertThat(charset.problems()).containsExactly(
        "unknown Specific Character Set 'ISO_IR 999'; read as the default repertoire");
  }

  @Test
  void readsJavaCharsetNamesThatKeepAsciiAndSaysSo() {
    SpecificCharacterSet charset = SpecificCharacterSet.of("windows-1252");
    assertThat(charset.decode(bytes("\u0080"), 0, 1, VR.LO)).isEqualTo("€");
    assertThat(charset.problems()).containsExactly(
        "'windows-1252' is not a defined term; read as Java charset windows-1252");
    assertThat(SpecificCharacterSet.of("UTF-16").problems()).containsExactly(
        "unknown Specific Character Set 'UTF-16'; read as the default repertoire");
  }

  @Test
  void ignoresUnknownCodeExtensionAndSaysSo() {
    SpecificCharacterSet charset = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 146");
    assertThat(charset.decode(bytes("J\u00e9"), 0, 2, VR.PN)).isEqualTo("Jé");
    assertThat(charset.problems())
        .containsExactly("unknown Specific Character Set 'ISO 2022 IR 146'; ignored");
  }

  @Test
  void ignoresCodeExtensionsOfSetsThatAllowNone() {
    SpecificCharacterSet utf8 = SpecificCharacterSet.of("ISO_IR 192", "ISO 2022 IR 87");
    assertThat(utf8.decode(bytes("\u00e7\u008e\u008b"), 0, 3, VR.PN)).isEqualTo("王");
    assertThat(utf8.problems())
        .containsExactly("'ISO_IR 192' allows no code extensions; ignored ISO 2022 IR 87");
    SpecificCharacterSet japanese = SpecificCharacterSet.of("", "GB18030", "ISO 2022 IR 87");
    byte[] raw = bytes("\u001b$B;3ED\u001b(B");
    assertThat(japanese.decode(raw, 0, raw.length, VR.PN)).isEqualTo("山田");
    assertThat(japanese.problems())
        .containsExactly("'GB18030' cannot be a code extension; ignored");
  }

  @Test
  void readsSingleByteTermsAmongCodeExtensionsAsTheirIso2022Terms() {
    SpecificCharacterSet charset = SpecificCharacterSet.of("ISO_IR 100", "ISO 2022 IR 87");
    byte[] raw = bytes("J\u00e9r\u00f4me=\u001b$B;3ED\u001b(B");
    assertThat(charset.decode(raw, 0, raw.length, VR.PN)).isEqualTo("Jérôme=山田");
    assertThat(charset.problems())
        .containsExactly("'ISO_IR 100' among code extensions; read as 'ISO 2022 IR 100'");
  }

  @Test
  void keepsTheTermsAsDeclared() {
    assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 87").terms())
        .containsExactly("", "ISO 2022 IR 87");
    assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 87")).hasToString("\\ISO 2022 IR 87");
  }
}
