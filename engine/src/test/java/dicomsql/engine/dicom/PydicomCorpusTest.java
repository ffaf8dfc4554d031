package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of pydicom's test corpus (Debian {@code python3-pydicom}) read by our reader and by
 * dcmtk's dcmdump, element trees compared: tags, VRs, value lengths, values, nesting, counts.
 * {@code -Dpydicom.data=...} points to another copy of pydicom's data directory.
 */
class PydicomCorpusTest {
  private static final Path DATA =
      Path.of(System.getProperty("pydicom.data", "/usr/lib/python3/dist-packages/pydicom/data"));
  private static final String NOT_DICOM =
      "not a DICOM file: no DICM prefix at byte 128 and no data set at the start";

  /**
   * Files dcmtk rejects or reads differently, and what we make of them. SC_rgb_jpeg.dcm, whose
   * meta group declares JPEG (explicit VR) over an implicit VR data set, dcmtk only reads when
   * told to; {@link DicomReaderTest} compares it.
   */
  private static final Map<String, String> FAILURES = Map.ofEntries(
      // Cut inside the pixel data, as its name says.
      Map.entry("MR_truncated.dcm", "truncated at byte 9630 inside (7FE0,0010)"),
      // Beam Sequence declares more bytes than the file has; dcmtk names the innermost element.
      Map.entry("rtplan_truncated.dcm", "truncated at byte 2129 inside (300A,00B0)"),
      // The last directory record claims 24 bytes beyond the end of the file. dcmtk reads up to
      // the end; we cannot tell that from a file cut short there, so it is an error.
      Map.entry("DICOMDIR-nooffset", "truncated at byte 11092 inside (0004,1220)"),
      // A data set that starts one byte late; dcmtk and pydicom make nothing of it either.
      Map.entry("no_meta.dcm", NOT_DICOM),
      Map.entry("README.txt", NOT_DICOM),
      Map.entry("README", NOT_DICOM),
      Map.entry("README.md", NOT_DICOM),
      Map.entry("FileInfo.txt", NOT_DICOM),
      Map.entry("rtplan.dump", NOT_DICOM),
      Map.entry("rtstruct.dump", NOT_DICOM),
      Map.entry("test1.json", NOT_DICOM),
      Map.entry("test_PN.json", NOT_DICOM),
      Map.entry("zipMR.gz", NOT_DICOM));

  @BeforeAll
  static void dcmtkAndCorpus() {
    Dcmtk.assumeInstalled();
    assumeTrue(Files.isDirectory(DATA), "pydicom's test files (python3-pydicom) not installed");
  }

  static Stream<Path> files() throws IOException {
    if (!Files.isDirectory(DATA)) {
      return Stream.of();
    }
    return Stream.of("test_files", "charset_files", "palettes")
        .map(DATA::resolve)
        .flatMap(PydicomCorpusTest::walk)
        .filter(file -> !file.getFileName().toString().equals("SC_rgb_jpeg.dcm"));
  }

  private static Stream<Path> walk(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void readsLikeDcmtk(Path file) throws Exception {
    String expectedFailure = FAILURES.get(file.getFileName().toString());
    if (expectedFailure != null) {
      DicomException e = catchThrowableOfType(DicomException.class, () -> DataSet.read(file));
      assertThat(e).as("%s", file).isNotNull();
      assertThat(e.detail()).isEqualTo(expectedFailure);
      assertThat(e.file()).isEqualTo(file.toString());
      return;
    }
    Dcmtk.Run dump = Dcmtk.dump(file);
    assertThat(dump.ok()).as("dcmdump %s: %s", file, dump.err()).isTrue();
    DcmdumpTree theirs = DcmdumpTree.parse(dump.out());
    List<String> ours;
    DataSet meta;
    try (DicomReader reader = DicomReader.open(file, ReadOptions.all())) {
      meta = reader.fileMeta();
      ours = ElementTree.lines(ReaderTree.of(reader));
    }
    assertThat(ours).containsExactlyElementsOf(ElementTree.lines(theirs.dataSet()));
    assertThat(ElementTree.lines(ReaderTree.of(meta)))
        .containsExactlyElementsOf(ElementTree.lines(theirs.meta()));
    assertThat(ElementTree.lines(ReaderTree.of(DataSet.read(file))))
        .containsExactlyElementsOf(ElementTree.withoutContainerLengths(ours));
  }
}
