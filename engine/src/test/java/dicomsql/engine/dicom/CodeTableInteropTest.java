package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes every code of each character set into a file, one code per line of a UT value, and
 * compares how dicomsql, pydicom and dcmtk read each code, the few where they differ listed with
 * the reason.
 */
class CodeTableInteropTest {
  private static final int TEXT = 0x00204000;
  private static final String PRIVATE_USE = "private use codes that only dicomsql reads";

  /**
   * Where pydicom (Python's codecs) reads a code differently: "dicomsql pydicom", "-" for no
   * character. Java has KS X 1001:2002's additions and the Hangul filler; Java's JIS X 0212
   * 02/23 is the FULLWIDTH TILDE that keeps it apart from ASCII; ISO-IR 166 is a 96-character
   * set whose 0xA0 is NO-BREAK SPACE, which Python's TIS-620 lacks; Java's GBK has the euro
   * sign and the user-defined area, and reads A8/92 as GB18030 did before 2000.
   */
  private static final Map<String, Map<String, String>> PYDICOM_DIFFERENCES = Map.of(
      "ISO_IR 166", Map.of("A0", "U+00A0 -"),
      "JIS X 0212", Map.of("2237", "U+FF5E U+007E"),
      "KS X 1001", Map.of("A2E8", "U+327E -", "A4D4", "U+3164 -"),
      "GBK", Map.of("A2E3", "U+20AC -", "A892", "U+2641 U+2295", PRIVATE_USE, "2148"));

  /**
   * GB18030 codes whose mapping changed between GB18030-2005 (Python) and GB18030-2022 (Java
   * 17.0.13 on): the vertical forms, ḿ and the CJK characters moved out of the Private Use Area.
   */
  private static final Set<String> GB18030_2022_CHANGES = Set.of(
      "A6D9", "A6DA", "A6DB", "A6DC", "A6DD", "A6DE", "A6DF", "A6EC", "A6ED", "A6F3", "A8BC",
      "FE59", "FE61", "FE66", "FE67", "FE6D", "FE7E", "FE90", "FEA0", "8135F437", "82359037",
      "82359038", "82359039", "82359130", "82359131", "82359132", "82359133", "82359134",
      "84318236", "84318237", "84318238", "84318239", "84318330", "84318331", "84318332",
      "84318333", "84318334", "84318335");

  /** Where dcmtk (glibc iconv) reads a code differently, as for pydicom. */
  private static final Map<String, Map<String, String>> DCMTK_DIFFERENCES =
      Map.of("GBK", Map.of("A892", "U+2641 U+2295"));

  /** Codes dicomsql reads as characters that dcmtk cannot convert at all. */
  private static final Map<String, Set<String>> DCMTK_LACKS =
      Map.of("ISO_IR 166", Set.of("A0"), "GBK", Set.of("A2E3"));

  /** A character set's codes, each as the bytes of one line. */
  record Table(String name, String[] terms, List<byte[]> lines) {}

  @TempDir
  Path temp;

  static List<Table> tables() {
    List<Table> tables = new ArrayList<>();
    for (String term : new String[] {"ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110",
        "ISO_IR 144", "ISO_IR 127", "ISO_IR 126", "ISO_IR 138", "ISO_IR 148", "ISO_IR 166",
        "ISO_IR 13"}) {
      List<byte[]> lines = new ArrayList<>();
      for (int b = 0xA0; b <= 0xFF; b++) {
        lines.add(new byte[] {(byte) b});
      }
      tables.add(new Table(term, new String[] {term}, lines));
    }
    byte[] toAscii = {0x1B, '(', 'B'};
    tables.add(new Table("JIS X 0208", new String[] {"", "ISO 2022 IR 87"},
        pairs(new byte[] {0x1B, '$', 'B'}, 0, toAscii)));
    tables.add(new Table("JIS X 0212", new String[] {"", "ISO 2022 IR 159"},
        pairs(new byte[] {0x1B, '$', '(', 'D'}, 0, toAscii)));
    tables.add(new Table("KS X 1001", new String[] {"", "ISO 2022 IR 149"},
        pairs(new byte[] {0x1B, '$', ')', 'C'}, 0x80, new byte[0])));
    tables.add(new Table("GB 2312", new String[] {"", "ISO 2022 IR 58"},
        pairs(new byte[] {0x1B, '$', ')', 'A'}, 0x80, new byte[0])));
    tables.add(new Table("GBK", new String[] {"GBK"}, gbkPairs()));
    tables.add(new Table("GB18030", new String[] {"GB18030"}, gb18030Codes()));
    return tables;
  }

  /** The 94 x 94 two-byte codes, with the high bit {@code high} sets, between two sequences. */
  private static List<byte[]> pairs(byte[] before, int high, byte[] after) {
    List<byte[]> lines = new ArrayList<>();
    for (int first = 0x21; first <= 0x7E; first++) {
      for (int second = 0x21; second <= 0x7E; second++) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(before);
        line.write(first | high);
        line.write(second | high);
        line.writeBytes(after);
        lines.add(line.toByteArray());
      }
    }
    return lines;
  }

  private static List<byte[]> gbkPairs() {
    List<byte[]> lines = new ArrayList<>();
    for (int first = 0x81; first <= 0xFE; first++) {
      for (int second = 0x40; second <= 0xFE; second++) {
        if (second != 0x7F) {
          lines.add(new byte[] {(byte) first, (byte) second});
        }
      }
    }
    return lines;
  }

  /** The two-byte codes and the four-byte codes of the Basic Multilingual Plane. */
  private static List<byte[]> gb18030Codes() {
    List<byte[]> lines = gbkPairs();
    for (int b1 = 0x81; b1 <= 0x84; b1++) {
      for (int b2 = 0x30; b2 <= 0x39; b2++) {
        for (int b3 = 0x81; b3 <= 0xFE; b3++) {
          for (int b4 = 0x30; b4 <= 0x39; b4++) {
            lines.add(new byte[] {(byte) b1, (byte) b2, (byte) b3, (byte) b4});
          }
        }
      }
    }
    return lines;
  }

  @TestFactory
  Stream<DynamicTest> readsEveryCodeAsPydicomDoes() {
    return tables().stream().map(table -> DynamicTest.dynamicTest(table.name(), () -> {
      Pydicom.assumeInstalled();
      Path file = write(table, table.lines());
      String theirs = Pydicom.text(List.of(file)).get(0).get("(0020,4000)");
      // pydicom 2.3 leaves ESC $ ) A in the text it decodes with Python's gb2312 codec.
      theirs = theirs.replace("\u001b$)A", "");
      Map<String, String> differences = differences(table.lines(), ours(file), theirs);
      if (table.name().equals("GB18030")) {
        assertThat(GB18030_2022_CHANGES).containsAll(differences.keySet());
      } else {
        assertThat(differences)
            .isEqualTo(PYDICOM_DIFFERENCES.getOrDefault(table.name(), Map.of()));
      }
    }));
  }

  /**
   * dcmtk fails a whole file at the first code it cannot convert, so its file holds the codes
   * dicomsql reads as characters outside the Private Use Area (those only pydicom checks).
   */
  @TestFactory
  Stream<DynamicTest> readsEveryCodeAsDcmtkDoes() {
    return tables().stream().map(table -> DynamicTest.dynamicTest(table.name(), () -> {
      Dcmtk.assumeInstalled();
      Set<String> lacking = DCMTK_LACKS.getOrDefault(table.name(), Set.of());
      List<byte[]> lines = publicCharacters(table).stream()
          .filter(line -> !lacking.contains(code(line)))
          .toList();
      Path file = write(table, lines);
      Path utf8 = temp.resolve("utf8.dcm");
      ExternalTool.Output conversion = Dcmtk.convertToUtf8(file, utf8);
      assumeFalse(conversion.stderr().contains("not supported"),
          () -> "dcmtk cannot convert " + table.name() + ": " + conversion.stderr().strip());
      assertThat(conversion.succeeded()).as(conversion.stderr()).isTrue();
      assertThat(differences(lines, ours(file), ours(utf8)))
          .isEqualTo(DCMTK_DIFFERENCES.getOrDefault(table.name(), Map.of()));
      for (byte[] line : table.lines()) {
        if (lacking.contains(code(line))) {
          assertThat(Dcmtk.convertToUtf8(write(table, List.of(line)), utf8).succeeded())
              .as("dcmtk converts %s", code(line)).isFalse();
        }
      }
    }));
  }

  private static List<byte[]> publicCharacters(Table table) {
    SpecificCharacterSet charset = SpecificCharacterSet.of(table.terms());
    return table.lines().stream()
        .filter(line -> {
          String c = character(charset.decode(line, 0, line.length, VR.UT));
          return !c.equals("-") && !isPrivateUse(c);
        })
        .toList();
  }

  private Path write(Table table, List<byte[]> lines) throws IOException {
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    for (byte[] line : lines) {
      value.writeBytes(line);
      value.write('\r');
      value.write('\n');
    }
    DataSet dataSet = new DataSet();
    dataSet.putString(Tag.SpecificCharacterSet, VR.CS, table.terms());
    dataSet.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
    dataSet.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
    dataSet.putBytes(TEXT, VR.UT, value.toByteArray());
    Path file = temp.resolve("table.dcm");
    new DicomWriter().write(file, dataSet, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    return file;
  }

  private static String ours(Path file) throws IOException {
    return DataSet.read(file).getText(TEXT);
  }

  /**
   * The codes the two readers read differently, each as "U+XXXX U+YYYY", "-" standing for no
   * character; private use characters only dicomsql reads are counted under one entry.
   */
  private static Map<String, String> differences(List<byte[]> lines, String ours,
      String theirs) {
    String[] our = (ours + "\n").split("\r\n", -1);
    String[] their = (theirs + "\n").split("\r\n", -1);
    assertThat(our).hasSize(lines.size() + 1);
    assertThat(their).hasSize(lines.size() + 1);
    Map<String, String> differences = new TreeMap<>();
    int privateUse = 0;
    for (int i = 0; i < lines.size(); i++) {
      String a = character(our[i]);
      String b = character(their[i]);
      if (isPrivateUse(a) && b.equals("-")) {
        privateUse++;
      } else if (!a.equals(b)) {
        differences.put(code(lines.get(i)), a + " " + b);
      }
    }
    if (privateUse > 0) {
      differences.put(PRIVATE_USE, Integer.toString(privateUse));
    }
    return differences;
  }

  /** "U+XXXX" when the line is one character other than U+FFFD, else "-". */
  private static String character(String line) {
    if (line.codePointCount(0, line.length()) != 1 || line.equals("\uFFFD")) {
      return "-";
    }
    return String.format("U+%04X", line.codePointAt(0));
  }

  private static boolean isPrivateUse(String character) {
    return character.compareTo("U+E000") >= 0 && character.compareTo("U+F8FF") <= 0;
  }

  /** The code in a line, escape sequences left out, e.g. {@code 3B33}. */
  private static String code(byte[] line) {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < line.length; i++) {
      if (line[i] == 0x1B) {
        while (line[i + 1] < 0x30) {
          i++;
        }
        i++;
      } else {
        code.append(HexFormat.of().withUpperCase().toHexDigits(line[i]));
      }
    }
    return code.toString();
  }
}
