package dicomsql.engine.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;

/**
 * dcmtk's command-line tools as an independent converter of DICOM text to UTF-8 (through the
 * iconv or ICU library it was built with); tests that need it are skipped where it is absent.
 */
final class Dcmtk {
  private static Boolean installed;

  private Dcmtk() {}

  static void assumeInstalled() {
    if (installed == null) {
      installed = ExternalTool.run(List.of("dcmconv", "--version")).succeeded()
          && ExternalTool.run(List.of("dcmdump", "--version")).succeeded();
    }
    assumeTrue(installed, "dcmtk's dcmconv and dcmdump are not on the PATH (Debian: dcmtk)");
  }

  /**
   * Converts a file's text to UTF-8 with {@code dcmconv +U8}, which fails at the first character
   * it cannot convert (its option to discard such characters needs ICU, not iconv).
   */
  static ExternalTool.Output convertToUtf8(Path in, Path out) {
    return ExternalTool.run(List.of("dcmconv", "+U8", in.toString(), out.toString()));
  }

  /** The lines {@code dcmdump +U8} prints for one element, its value converted to UTF-8. */
  static ExternalTool.Output dump(Path file, int tag) {
    return ExternalTool.run(List.of("dcmdump", "+U8", "+P",
        String.format("%04x,%04x", tag >>> 16, tag & 0xFFFF), file.toString()));
  }

  /** The text between the brackets of a dcmdump line, e.g. {@code (0010,0010) PN [A^B] # ..}. */
  static String value(String dumpLine) {
    int start = dumpLine.indexOf('[');
    int end = dumpLine.lastIndexOf(']', dumpLine.lastIndexOf('#'));
    return start < 0 || end < start ? "" : dumpLine.substring(start + 1, end);
  }
}
