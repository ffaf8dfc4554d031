package dicomsql.engine.dicom;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the bytes of SH, LO, ST, LT, UT, UC and PN values become characters, as Specific Character
 * Set (0008,0005) declares (PS3.3 C.12.1.1.2, PS3.5 6.1 and Annexes H to K).
 */
public final class SpecificCharacterSet {
  private static final String DEFAULT_LABEL = "the default repertoire";

  /** No (0008,0005): the default repertoire, read as Latin-1 so that stray bytes survive. */
  public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(new String[0],
      List.of(), new FixedCharsetEncoding(StandardCharsets.ISO_8859_1,
          StandardCharsets.ISO_8859_1, DEFAULT_LABEL));

  /**
   * The sets made so far, by their terms: every file of a folder usually names the same one, and
   * making it (checking Java's charsets) cost a tenth of an index build's reading. Bounded, so
   * that a folder of ever new misspellings does not grow it without end.
   */
  private static final Map<List<String>, SpecificCharacterSet> MADE = new ConcurrentHashMap<>();
  private static final int MADE_AT_MOST = 256;

  private static final String ASCII_PROBE = " !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~";

  private final String[] terms;
  private final List<String> problems;
  private final CharacterEncoding encoding;

  private SpecificCharacterSet(String[] terms, List<String> problems,
      CharacterEncoding encoding) {
    this.terms = terms;
    this.problems = List.copyOf(problems);
    this.encoding = encoding;
  }

  /**
   * The character set the values of (0008,0005) name, e.g. {@code ISO_IR 192} or
   * {@code "", "ISO 2022 IR 87"}; an empty value 1 stands for the default repertoire. Forgiving
   * like pydicom, never failing: a misspelled term is read as the term it means, an unknown one
   * as the default repertoire or a Java charset of that name, terms that cannot be combined are
   * ignored, and {@link #problems()} says what was forgiven.
   */
  public static SpecificCharacterSet of(String... terms) {
    List<String> key = Arrays.asList(terms.clone());
    SpecificCharacterSet made = MADE.get(key);
    if (made == null) {
      made = make(terms);
      if (MADE.size() < MADE_AT_MOST) {
        MADE.putIfAbsent(key, made);
      }
    }
    return made;
  }

  private static SpecificCharacterSet make(String[] terms) {
    String[] stripped = new String[terms.length];
    int last = -1;
    for (int i = 0; i < terms.length; i++) {
      stripped[i] = terms[i] == null ? "" : terms[i].strip();
      if (!stripped[i].isEmpty()) {
        last = i;
      }
    }
    if (last < 0) {
      return DEFAULT;
    }
    String[] values = Arrays.copyOf(stripped, last + 1);
    List<String> problems = new ArrayList<>();
    String label = "Specific Character Set " + String.join("\\", values);
    CharacterEncoding encoding = last == 0 ? single(values[0], label, problems)
        : withCodeExtensions(values, label, problems);
    return new SpecificCharacterSet(terms.clone(), problems, encoding);
  }

  private static CharacterEncoding single(String value, String label, List<String> problems) {
    DefinedTerm term = resolve(value, problems);
    if (term != null && term.hasCodeExtensions()) {
      return codeExtensions(List.of(term), label);
    }
    if (term != null) {
      Charset decoding = supported(term.decodingCharset());
      Charset encoding = supported(term.encodingCharset());
      if (decoding != null && encoding != null) {
        return new FixedCharsetEncoding(decoding, encoding, label);
      }
      problems.add("this Java runtime lacks the charsets of '" + term.term()
          + "'; read as the default repertoire");
      return DEFAULT.encoding;
    }
    Charset java = supported(value);
    if (java != null) {
      problems.add("'" + value + "' is not a defined term; read as Java charset " + java);
      return new FixedCharsetEncoding(java, java, label);
    }
    problems.add("unknown Specific Character Set '" + value + "'; read as the default repertoire");
    return DEFAULT.encoding;
  }

  private static CharacterEncoding withCodeExtensions(String[] values, String label,
      List<String> problems) {
    DefinedTerm first = DefinedTerm.ISO_2022_IR_6;
    if (!values[0].isEmpty()) {
      DefinedTerm term = resolve(values[0], problems);
      if (term != null && term.withCodeExtensions() == null) {
        problems.add("'" + term.term() + "' allows no code extensions; ignored "
            + String.join("\\", Arrays.asList(values).subList(1, values.length)));
        return single(values[0], label, new ArrayList<>());
      }
      if (term == null) {
        problems.add("unknown Specific Character Set '" + values[0]
            + "'; value 1 read as the default repertoire");
      } else {
        first = extended(term, problems);
      }
    }
    Set<DefinedTerm> declared = new LinkedHashSet<>();
    declared.add(first);
    for (int i = 1; i < values.length; i++) {
      if (values[i].isEmpty()) {
        problems.add("value " + (i + 1) + " of Specific Character Set is empty; ignored");
        continue;
      }
      DefinedTerm term = resolve(values[i], problems);
      if (term == null) {
        problems.add("unknown Specific Character Set '" + values[i] + "'; ignored");
      } else if (term.withCodeExtensions() == null) {
        problems.add("'" + term.term() + "' cannot be a code extension; ignored");
      } else {
        declared.add(extended(term, problems));
      }
    }
    return codeExtensions(new ArrayList<>(declared), label);
  }

  /** The ISO 2022 term for a single-byte term that a multi-valued set lists without it. */
  private static DefinedTerm extended(DefinedTerm term, List<String> problems) {
    DefinedTerm extended = term.withCodeExtensions();
    if (extended != term) {
      problems.add("'" + term.term() + "' among code extensions; read as '" + extended.term()
          + "'");
    }
    return extended;
  }

  private static CharacterEncoding codeExtensions(List<DefinedTerm> terms, String label) {
    DefinedTerm first = terms.get(0);
    // A two-byte G0 set cannot hold the delimiters, so values start in ASCII, as in pydicom.
    GraphicCharacterSet g0 = first.g0() == null || first.g0().isMultiByte()
        ? GraphicCharacterSet.ISO_IR_6 : first.g0();
    List<GraphicCharacterSet> declared = new ArrayList<>();
    declared.add(g0);
    for (DefinedTerm term : terms) {
      for (GraphicCharacterSet set : new GraphicCharacterSet[] {term.g0(), term.g1()}) {
        if (set != null && !declared.contains(set)) {
          declared.add(set);
        }
      }
    }
    return new CodeExtensionEncoding(g0, first.g1(), declared, label);
  }

  /** The defined term a value means, noting a misspelling; null when unknown. */
  private static DefinedTerm resolve(String value, List<String> problems) {
    DefinedTerm term = DefinedTerm.of(value);
    if (term == null) {
      term = DefinedTerm.ofMisspelled(value);
      if (term != null) {
        problems.add("'" + value + "' is not a defined term; read as '" + term.term() + "'");
      }
    }
    return term;
  }

  /**
   * The Java charset of that name if this runtime has it and it writes ASCII, the delimiters
   * included, as ASCII; else null.
   */
  private static Charset supported(String name) {
    try {
      if (!Charset.isSupported(name)) {
        return null;
      }
    } catch (IllegalCharsetNameException e) {
      return null;
    }
    Charset charset = Charset.forName(name);
    boolean compatible = charset.canEncode()
        && Arrays.equals(ASCII_PROBE.getBytes(charset),
            ASCII_PROBE.getBytes(StandardCharsets.US_ASCII))
        && ASCII_PROBE.equals(new String(ASCII_PROBE.getBytes(charset), charset));
    return compatible ? charset : null;
  }

  /** The defined terms, as (0008,0005) lists them. */
  public String[] terms() {
    return terms.clone();
  }

  /**
   * What was forgiven in the terms: misspellings, unknown terms, terms that cannot be combined.
   * Empty when the terms are as the standard defines them.
   */
  public List<String> problems() {
    return problems;
  }

  /**
   * The characters of a whole value (all its values, with their {@code \} separators). Code
   * extensions return to the initial sets at each delimiter {@code vr} has.
   */
  public String decode(byte[] bytes, int offset, int length, VR vr) {
    return encoding.decode(bytes, offset, length, vr);
  }

  /**
   * The bytes of a value, for writing, with the escape sequences code extensions need.
   *
   * @throws IllegalArgumentException when the declared sets lack a character of the text
   */
  public byte[] encode(String text, VR vr) {
    return encoding.encode(text, vr);
  }

  @Override
  public String toString() {
    return terms.length == 0 ? DEFAULT_LABEL : String.join("\\", terms);
  }
}
