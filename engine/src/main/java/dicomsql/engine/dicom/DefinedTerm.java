package dicomsql.engine.dicom;

import static dicomsql.engine.dicom.GraphicCharacterSet.ISO_IR_14;
import static dicomsql.engine.dicom.GraphicCharacterSet.ISO_IR_6;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The defined terms of Specific Character Set (PS3.3 C.12.1.1.2) and what each names: a Java
 * charset for the sets without code extensions, the G0 and G1 sets for those with them.
 */
enum DefinedTerm {
  ISO_IR_100("ISO_IR 100", "ISO-8859-1"),
  ISO_IR_101("ISO_IR 101", "ISO-8859-2"),
  ISO_IR_109("ISO_IR 109", "ISO-8859-3"),
  ISO_IR_110("ISO_IR 110", "ISO-8859-4"),
  ISO_IR_144("ISO_IR 144", "ISO-8859-5"),
  ISO_IR_127("ISO_IR 127", "ISO-8859-6"),
  ISO_IR_126("ISO_IR 126", "ISO-8859-7"),
  ISO_IR_138("ISO_IR 138", "ISO-8859-8"),
  ISO_IR_148("ISO_IR 148", "ISO-8859-9"),
  ISO_IR_166("ISO_IR 166", "TIS-620"),
  // Read as Shift_JIS, its superset, as pydicom does: Japanese systems label Shift_JIS text
  // ISO_IR 13, and true JIS X 0201 bytes read the same either way.
  ISO_IR_13("ISO_IR 13", "Shift_JIS", "JIS_X0201"),
  ISO_IR_192("ISO_IR 192", "UTF-8"),
  GB18030("GB18030", "GB18030"),
  GBK("GBK", "GBK"),
  ISO_2022_IR_6("ISO 2022 IR 6", ISO_IR_6, null),
  ISO_2022_IR_100("ISO 2022 IR 100", ISO_IR_6, GraphicCharacterSet.ISO_IR_100),
  ISO_2022_IR_101("ISO 2022 IR 101", ISO_IR_6, GraphicCharacterSet.ISO_IR_101),
  ISO_2022_IR_109("ISO 2022 IR 109", ISO_IR_6, GraphicCharacterSet.ISO_IR_109),
  ISO_2022_IR_110("ISO 2022 IR 110", ISO_IR_6, GraphicCharacterSet.ISO_IR_110),
  ISO_2022_IR_144("ISO 2022 IR 144", ISO_IR_6, GraphicCharacterSet.ISO_IR_144),
  ISO_2022_IR_127("ISO 2022 IR 127", ISO_IR_6, GraphicCharacterSet.ISO_IR_127),
  ISO_2022_IR_126("ISO 2022 IR 126", ISO_IR_6, GraphicCharacterSet.ISO_IR_126),
  ISO_2022_IR_138("ISO 2022 IR 138", ISO_IR_6, GraphicCharacterSet.ISO_IR_138),
  ISO_2022_IR_148("ISO 2022 IR 148", ISO_IR_6, GraphicCharacterSet.ISO_IR_148),
  ISO_2022_IR_166("ISO 2022 IR 166", ISO_IR_6, GraphicCharacterSet.ISO_IR_166),
  ISO_2022_IR_13("ISO 2022 IR 13", ISO_IR_14, GraphicCharacterSet.ISO_IR_13),
  ISO_2022_IR_87("ISO 2022 IR 87", GraphicCharacterSet.ISO_IR_87, null),
  ISO_2022_IR_159("ISO 2022 IR 159", GraphicCharacterSet.ISO_IR_159, null),
  ISO_2022_IR_149("ISO 2022 IR 149", null, GraphicCharacterSet.ISO_IR_149),
  ISO_2022_IR_58("ISO 2022 IR 58", null, GraphicCharacterSet.ISO_IR_58);

  private static final Map<String, DefinedTerm> BY_TERM = new HashMap<>();
  /** Terms by their letters and digits in upper case, so that misspellings still match. */
  private static final Map<String, DefinedTerm> BY_KEY = new HashMap<>();

  static {
    for (DefinedTerm term : values()) {
      BY_TERM.put(term.term, term);
      BY_KEY.put(key(term.term), term);
    }
    BY_KEY.put("ISOIR6", ISO_2022_IR_6);
    BY_KEY.put("UTF8", ISO_IR_192);
    // Terms pydicom accepts after CP-1234's drafts.
    BY_KEY.put("ISO2022GBK", GBK);
    BY_KEY.put("ISO202258", ISO_2022_IR_58);
    // Multi-byte sets exist only as code extensions, so their ISO_IR spellings mean those.
    for (DefinedTerm term : new DefinedTerm[] {
        ISO_2022_IR_87, ISO_2022_IR_159, ISO_2022_IR_149, ISO_2022_IR_58}) {
      BY_KEY.put(key(term.term).replace("ISO2022IR", "ISOIR"), term);
    }
  }

  private final String term;
  private final String decodingCharset;
  private final String encodingCharset;
  private final GraphicCharacterSet g0;
  private final GraphicCharacterSet g1;

  DefinedTerm(String term, String charset) {
    this(term, charset, charset);
  }

  DefinedTerm(String term, String decodingCharset, String encodingCharset) {
    this.term = term;
    this.decodingCharset = decodingCharset;
    this.encodingCharset = encodingCharset;
    this.g0 = null;
    this.g1 = null;
  }

  DefinedTerm(String term, GraphicCharacterSet g0, GraphicCharacterSet g1) {
    this.term = term;
    this.decodingCharset = null;
    this.encodingCharset = null;
    this.g0 = g0;
    this.g1 = g1;
  }

  /** The term exactly as the standard spells it, or null. */
  static DefinedTerm of(String term) {
    return BY_TERM.get(term);
  }

  /** The term a misspelling such as {@code ISO-IR 100} or {@code iso_ir100} means, or null. */
  static DefinedTerm ofMisspelled(String term) {
    return BY_KEY.get(key(term));
  }

  private static String key(String term) {
    return term.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
  }

  /** The term as the standard spells it. */
  String term() {
    return term;
  }

  /** Whether the term allows ISO 2022 code extensions. */
  boolean hasCodeExtensions() {
    return decodingCharset == null;
  }

  /** The Java charset that reads a term without code extensions. */
  String decodingCharset() {
    return decodingCharset;
  }

  /** The Java charset that writes a term without code extensions. */
  String encodingCharset() {
    return encodingCharset;
  }

  /** The G0 set, or null when the term names only a G1 set. */
  GraphicCharacterSet g0() {
    return g0;
  }

  /** The G1 set, or null when the term names only a G0 set. */
  GraphicCharacterSet g1() {
    return g1;
  }

  /**
   * The term with code extensions that names the same single-byte set (ISO 2022 IR 100 for
   * ISO_IR 100); null for the multi-byte sets that allow none (ISO_IR 192, GB18030, GBK).
   */
  DefinedTerm withCodeExtensions() {
    if (hasCodeExtensions()) {
      return this;
    }
    return this == ISO_IR_192 || this == GB18030 || this == GBK
        ? null : valueOf(name().replace("ISO_IR", "ISO_2022_IR"));
  }
}
