package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import java.util.zip.InflaterOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files dcmtk writes, from the text dump {@code nested-sequences.dump} by dump2dcm and dcmconv, in
 * every transfer syntax and as raw data sets, read by us and by dcmdump, trees compared.
 */
class DcmtkFixtureTest {
  @TempDir
  static Path dir;
  private static Path original;

  @BeforeAll
  static void writeFixture() throws Exception {
    Dcmtk.assumeInstalled();
    Path dump = Path.of(DcmtkFixtureTest.class.getResource("nested-sequences.dump").toURI());
    original = Dcmtk.dump2dcm(dump, dir.resolve("nested-sequences.dcm"), "+te");
  }

  static Stream<Arguments> encodings() {
    return Stream.of(
        arguments("implicit", List.of("+ti"), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN),
        arguments("explicit", List.of("+te"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
        arguments("big-endian", List.of("+tb"), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN),
        arguments("deflated", List.of("+td"), TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN),
        arguments("implicit-undefined", List.of("-e", "+ti"),
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN),
        arguments("explicit-undefined", List.of("-e", "+te"),
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
        arguments("big-endian-undefined", List.of("-e", "+tb"),
            TransferSyntax.EXPLICIT_VR_BIG_ENDIAN),
        arguments("deflated-undefined", List.of("-e", "+td"),
            TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN),
        arguments("raw-implicit", List.of("-F", "+ti"), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN),
        arguments("raw-explicit", List.of("-F", "+te"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
        arguments("raw-big-endian", List.of("-F", "+tb"), TransferSyntax.EXPLICIT_VR_BIG_ENDIAN),
        arguments("raw-implicit-undefined", List.of("-F", "-e", "+ti"),
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN),
        arguments("raw-big-endian-undefined", List.of("-F", "-e", "+tb"),
            TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void readsWhatDcmtkWritesAsDcmtkDoes(String name, List<String> options, TransferSyntax syntax)
      throws Exception {
    Path file =
        Dcmtk.dcmconv(original, dir.resolve(name + ".dcm"), options.toArray(String[]::new));
    try (DicomReader reader = DicomReader.open(file, ReadOptions.all())) {
      assertThat(reader.transferSyntax()).isEqualTo(syntax);
    }
    assertReadsLikeDcmtk(file);
  }

  /**
   * CP-246: a private sequence that went through a system without its dictionary comes back as
   * UN of undefined length, its content implicit VR little endian whatever the file's syntax.
   * dcmtk cannot write one, so it is appended here, after odd-length values, which dcmtk pads.
   */
  static Stream<Arguments> explicitVrFiles() {
    return encodings().filter(arguments -> {
      Object[] values = arguments.get();
      return ((TransferSyntax) values[2]).explicitVr() && !((List<?>) values[1]).contains("-F");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("explicitVrFiles")
  void readsUndefinedLengthUnAsImplicitVrSequenceAndOddLengthValues(String name,
      List<String> options, TransferSyntax syntax) throws Exception {
    Path converted =
        Dcmtk.dcmconv(original, dir.resolve(name + ".dcm"), options.toArray(String[]::new));
    byte[] bytes = Files.readAllBytes(converted);
    byte[] tail = unknownSequenceAndOddValues(syntax.bigEndian());
    Path file = dir.resolve(name + "-cp246.dcm");
    Files.write(file,
        syntax.deflated() ? appendDeflated(bytes, tail) : ElementBytes.concat(bytes, tail));
    assertReadsLikeDcmtk(file);
    DataSet read = DataSet.read(file);
    DataSet item = read.getSequence(Tag.of(0x7FE1, 0x1010)).get(0);
    assertThat(item.getString(Tag.PatientName)).isEqualTo("Nested^Name");
    assertThat(item.getSequence(0x00081115).get(0).getString(Tag.SeriesInstanceUID))
        .isEqualTo("1.2.3");
    assertThat(read.getBytes(Tag.of(0x7FE1, 0x1011))).hasSize(3);
  }

  private static void assertReadsLikeDcmtk(Path file) throws Exception {
    Dcmtk.Run dump = Dcmtk.dump(file);
    assertThat(dump.ok()).as("dcmdump: %s", dump.err()).isTrue();
    DcmdumpTree theirs = DcmdumpTree.parse(dump.out());
    List<String> ours;
    try (DicomReader reader = DicomReader.open(file, ReadOptions.all())) {
      assertThat(ElementTree.lines(ReaderTree.of(reader.fileMeta())))
          .containsExactlyElementsOf(ElementTree.lines(theirs.meta()));
      ours = ElementTree.lines(ReaderTree.of(reader));
    }
    assertThat(ours).hasSizeGreaterThan(60)
        .containsExactlyElementsOf(ElementTree.lines(theirs.dataSet()));
    assertThat(ElementTree.lines(ReaderTree.of(DataSet.read(file))))
        .containsExactlyElementsOf(ElementTree.withoutContainerLengths(ours));
  }

  /** Elements of private group 7FE1, after everything dcmtk wrote, in the file's byte order. */
  private static byte[] unknownSequenceAndOddValues(boolean bigEndian) {
    byte[] implicit = new ElementBytes(false, false)
        .item()
        .sequence(0x00081115, VR.SQ)
        .item().text(Tag.SeriesInstanceUID, VR.UI, "1.2.3\0").itemEnd()
        .sequenceEnd()
        .text(Tag.PatientName, VR.PN, "Nested^Name ")
        .itemEnd()
        .item().itemEnd()
        .sequenceEnd()
        .bytes();
    return new ElementBytes(true, bigEndian)
        .text(Tag.of(0x7FE1, 0x0010), VR.LO, "DICOMSQL TEST ")
        .sequence(Tag.of(0x7FE1, 0x1010), VR.UN)
        .raw(implicit)
        .text(Tag.of(0x7FE1, 0x1011), VR.LO, "odd")
        .element(Tag.of(0x7FE1, 0x1012), VR.OB, new byte[] {1, 2, 3})
        .text(Tag.of(0x7FE1, 0x1013), VR.UI, "1.2.3")
        .bytes();
  }

  /** Inflates the data set after the file meta group, appends {@code tail}, deflates again. */
  private static byte[] appendDeflated(byte[] file, byte[] tail) throws Exception {
    int metaEnd = 132 + 12 + Bytes.intLE(file, 140);
    ByteArrayOutputStream inflated = new ByteArrayOutputStream();
    try (InflaterOutputStream out = new InflaterOutputStream(inflated, new Inflater(true))) {
      out.write(file, metaEnd, file.length - metaEnd);
    }
    byte[] dataSet = ElementBytes.concat(inflated.toByteArray(), tail);
    return ElementBytes.concat(Arrays.copyOf(file, metaEnd), ElementBytes.deflate(dataSet));
  }
}
