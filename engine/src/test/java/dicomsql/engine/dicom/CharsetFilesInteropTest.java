package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/**
 * Reads the character set example files that python3-pydicom installs (most are David Clunie's,
 * after the examples of PS3.5 Annexes H, I and J) and compares every text element, sequence
 * items included, with what pydicom and dcmtk make of the same bytes.
 */
class CharsetFilesInteropTest {
  @TempDir
  Path temp;

  /** What pydicom decodes, read once for all files by the first test that needs it. */
  private List<Map<String, String>> pydicomText;

  private static List<Path> files() throws IOException {
    if (!Files.isDirectory(Pydicom.CHARSET_FILES)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(Pydicom.CHARSET_FILES)) {
      return listing.filter(file -> file.toString().endsWith(".dcm")).sorted().toList();
    }
  }

  /** One test per file, or one skipped test saying that there are no files. */
  private static Stream<DynamicTest> eachFile(List<Path> files, FileCheck check) {
    if (files.isEmpty()) {
      Executable skip = () -> assumeTrue(false, "no pydicom charset files in "
          + Pydicom.CHARSET_FILES + " (Debian package python3-pydicom)");
      return Stream.of(DynamicTest.dynamicTest("charset files", skip));
    }
    return files.stream()
        .map(file -> DynamicTest.dynamicTest(name(file), () -> check.accept(file)));
  }

  private interface FileCheck {
    void accept(Path file) throws Exception;
  }

  @TestFactory
  Stream<DynamicTest> decodesLikePydicom() throws IOException {
    List<Path> files = files();
    return eachFile(files, file -> {
      Pydicom.assumeInstalled();
      if (pydicomText == null) {
        pydicomText = Pydicom.text(files);
      }
      DataSet dataSet = DataSet.read(file);
      assertThat(dataSet.charset().problems()).isEmpty();
      assertThat(TextElements.asPydicomShowsThem(dataSet))
          .isNotEmpty()
          .isEqualTo(pydicomText.get(files.indexOf(file)));
    });
  }

  @TestFactory
  Stream<DynamicTest> decodesLikeDcmtk() throws IOException {
    return eachFile(files(), file -> {
      Dcmtk.assumeInstalled();
      Path utf8 = temp.resolve(name(file));
      ExternalTool.Output conversion = Dcmtk.convertToUtf8(file, utf8);
      assumeTrue(conversion.succeeded(), () -> "dcmtk cannot convert " + name(file) + ": "
          + conversion.stderr().strip());
      assertThat(TextElements.of(DataSet.read(utf8)))
          .isNotEmpty()
          .isEqualTo(TextElements.of(DataSet.read(file)));
    });
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }
}
