package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dicomsql.engine.dicom.DicomReader.Token;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a reader says about a file it cannot read: one exception, what went wrong and where. */
class DicomReaderErrorTest {
  private static final String NOT_DICOM =
      "not a DICOM file: no DICM prefix at byte 128 and no data set at the start";

  @TempDir
  Path dir;

  /** Where the value of the first element with {@code tag} starts. */
  private static long valueOffset(byte[] file, int tag) throws IOException {
    try (DicomReader reader = DicomReader.of(file, ReadOptions.all())) {
      for (Token token = reader.next(); token != Token.END; token = reader.next()) {
        if (reader.tag() == tag) {
          return reader.offset() + (reader.transferSyntax().explicitVr() ? 12 : 8);
        }
      }
    }
    throw new AssertionError("no " + Tag.toString(tag));
  }

  /** Reads every token and value, and gives all the exceptions there were. */
  private static List<DicomException> readAll(DicomReader reader) {
    List<DicomException> failures = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      try {
        Token token = reader.next();
        if (token == Token.END) {
          break;
        }
        if (token == Token.ELEMENT || token == Token.FRAGMENT) {
          reader.value();
        }
      } catch (DicomException e) {
        failures.add(e);
      }
    }
    return failures;
  }

  static Stream<ReadOptions> pixelOptions() {
    return Stream.of(ReadOptions.all(), ReadOptions.stopBeforePixelData());
  }

  @ParameterizedTest
  @MethodSource("pixelOptions")
  void ctTruncatedInsideItsPixelDataFailsOnceSayingWhereAndInWhat(ReadOptions options)
      throws Exception {
    byte[] whole = new DicomWriter().toBytes(SampleInstances.ct(16),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    int cut = (int) valueOffset(whole, Tag.PixelData) + 100;
    Path file = dir.resolve("ct.dcm");
    Files.write(file, Arrays.copyOf(whole, cut));

    DicomException e =
        catchThrowableOfType(DicomException.class, () -> DataSet.read(file, options));
    assertThat(e.detail()).isEqualTo("truncated at byte " + cut + " inside (7FE0,0010)");
    assertThat(e.getMessage()).isEqualTo(file + ": " + e.detail());
    assertThat(e.offset()).isEqualTo(cut);
    assertThat(e.tag()).isEqualTo(Tag.PixelData);
    try (DicomReader reader = DicomReader.open(file, options)) {
      if (options.isStopBeforePixelData()) {
        // The header is whole; the reader ends before the pixel data and says why it would fail.
        assertThat(readAll(reader)).isEmpty();
        assertThat(reader.pixelDataCutShort().detail()).isEqualTo(e.detail());
      } else {
        assertThat(readAll(reader)).hasSize(1);
      }
    }
  }

  @Test
  void rtStructureSetTruncatedInsideNestedSequencesNamesTheInnermostElementItCanKnow()
      throws Exception {
    for (boolean undefined : new boolean[] {false, true}) {
      byte[] whole = new DicomWriter().undefinedLengthSequences(undefined)
          .toBytes(SampleInstances.rtStructureSet(2), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
      int cut = (int) valueOffset(whole, Tag.ContourData) + 10;
      DicomException e = catchThrowableOfType(DicomException.class,
          () -> DataSet.read(DicomReader.of(Arrays.copyOf(whole, cut), ReadOptions.all())));
      // A sequence of defined length is known to be cut as soon as its header is read.
      assertThat(e.detail()).isEqualTo("truncated at byte " + cut + " inside "
          + (undefined ? "(3006,0050)" : "(3006,0039)"));
    }
  }

  @Test
  void fileCutBetweenElementsOfAnUndefinedLengthItemIsTruncated() throws Exception {
    byte[] whole = new DicomWriter().undefinedLengthSequences(true)
        .toBytes(SampleInstances.rtStructureSet(2), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    int cut = (int) valueOffset(whole, Tag.ContourData) - 12;
    DicomException e = catchThrowableOfType(DicomException.class,
        () -> DataSet.read(DicomReader.of(Arrays.copyOf(whole, cut), ReadOptions.all())));
    assertThat(e.detail()).isEqualTo("truncated at byte " + cut + " inside (3006,0040)");
  }

  /** A stream does not know its size; what it skips it must still read to the end. */
  @Test
  void streamOfUnknownSizeCutInsideASkippedValueIsTruncated() throws Exception {
    byte[] whole = new DicomWriter().toBytes(SampleInstances.ct(16),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    int cut = (int) valueOffset(whole, Tag.PixelData) + 100;
    Path file = dir.resolve("ct.dcm");
    Files.write(file, Arrays.copyOf(whole, cut));
    try (InputStream in = new FileInputStream(file.toFile());
        DicomReader reader = DicomReader.of(in, ReadOptions.all())) {
      DicomException e = catchThrowableOfType(DicomException.class, () -> {
        while (reader.next() != Token.END) {
          // values skipped, not read
        }
      });
      assertThat(e.detail()).isEqualTo("truncated at byte " + cut + " inside (7FE0,0010)");
    }
  }

  @Test
  void deflatedFileCutShortIsTruncated() throws Exception {
    byte[] whole = new DicomWriter().toBytes(SampleInstances.rtStructureSet(3),
        TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
    DicomException e = catchThrowableOfType(DicomException.class, () -> DataSet.read(
        DicomReader.of(Arrays.copyOf(whole, whole.length - 40), ReadOptions.all())));
    assertThat(e.problem()).isEqualTo("truncated");
  }

  @Test
  void hugeLengthFieldFailsWithoutAllocatingIt() throws Exception {
    byte[] raw = new ElementBytes(true, false)
        .text(Tag.PatientName, VR.PN, "Doe^")
        .header(Tag.of(0x0009, 0x1001), VR.OB, 0xFFFFFFF0)
        .raw(new byte[64])
        .bytes();
    DicomException e = catchThrowableOfType(DicomException.class,
        () -> DataSet.read(DicomReader.of(raw, ReadOptions.all())));
    assertThat(e.detail()).isEqualTo("truncated at byte 88 inside (0009,1001)");
    DicomException streamed = catchThrowableOfType(DicomException.class, () -> DataSet.read(
        DicomReader.of(new ByteArrayInputStream(raw), ReadOptions.all())));
    assertThat(streamed.detail()).isEqualTo("value of 4294967280 bytes is too long to read "
        + "at byte 24 inside (0009,1001)");
  }

  @Test
  void readingATruncatedArrayLeavesTheArrayAsItWas() throws Exception {
    byte[] raw = new DicomWriter().dataSetBytes(SampleInstances.rtStructureSet(1),
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    byte[] cut = Arrays.copyOf(raw, raw.length / 2 + 1);
    byte[] before = cut.clone();
    catchThrowableOfType(DicomException.class,
        () -> DataSet.read(DicomReader.of(cut, ReadOptions.all())));
    assertThat(cut).isEqualTo(before);
  }

  static Stream<Arguments> notDicom() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H'};
    byte[] text = "Test files used for testing pydicom\n\nThese files are small.\n"
        .getBytes(StandardCharsets.US_ASCII);
    byte[] json = "{\n  \"00080005\": {\"vr\": \"CS\"}}".getBytes(StandardCharsets.US_ASCII);
    byte[] zeros = new byte[300];
    return Stream.of(
        Arguments.of("README", text),
        Arguments.of("image.png", png),
        Arguments.of("empty", new byte[0]),
        Arguments.of("three bytes", new byte[] {8, 0, 5}),
        Arguments.of("data.json", json),
        Arguments.of("zeros", zeros));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notDicom")
  void fileThatIsNoDicomIsSaidToBeNone(String name, byte[] bytes) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    DicomException e = catchThrowableOfType(DicomException.class, () -> DataSet.read(file));
    assertThat(e.getMessage()).isEqualTo(file + ": " + NOT_DICOM);
  }

  @Test
  void dicomdirIsDicom() throws Exception {
    DataSet dicomdir = new DataSet();
    dicomdir.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.1.3.10");
    dicomdir.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4");
    dicomdir.putString(DataDictionary.tag("FileSetID"), VR.CS, "TEST");
    DataSet record = dicomdir.addItem(DataDictionary.tag("DirectoryRecordSequence"));
    record.putString(DataDictionary.tag("DirectoryRecordType"), VR.CS, "PATIENT");
    record.putString(Tag.PatientID, VR.LO, "PAT-001");
    Path file = dir.resolve("DICOMDIR");
    new DicomWriter().write(file, dicomdir, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    DataSet read = DataSet.read(file);
    assertThat(read.getSequence(DataDictionary.tag("DirectoryRecordSequence")).get(0)
        .getString(Tag.PatientID)).isEqualTo("PAT-001");
  }
}
