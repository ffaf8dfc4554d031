package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomsql.engine.dicom.DicomReader.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DicomReaderTest {
  private static final int ReferencedImageSequence = Tag.ReferencedImageSequence;

  /** Each token as "TOKEN depth @offset (tag)". */
  private static List<String> tokens(DicomReader reader) throws DicomException {
    List<String> tokens = new ArrayList<>();
    for (Token token = reader.next(); token != Token.END; token = reader.next()) {
      tokens.add(token + " " + reader.depth() + " @" + reader.offset()
          + (token == Token.ITEM_START || token == Token.ITEM_END ? ""
              : " " + Tag.toString(reader.tag())));
    }
    return tokens;
  }

  /** A raw explicit VR little endian data set whose byte layout the comments spell out. */
  private static byte[] layout() {
    return new ElementBytes(true, false)
        .text(Tag.Modality, VR.CS, "CT") //                       0..10
        .sequence(ReferencedImageSequence, VR.SQ) //             10..22
        .item() //                                                22..30
        .text(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2\0") //    30..42
        .itemEnd() //                                             42..50
        .item(12) //                                              50..58
        .text(Tag.ReferencedSOPClassUID, VR.UI, "1.2\0") //       58..70
        .sequenceEnd() //                                         70..78
        .text(Tag.PatientName, VR.PN, "Doe^") //                  78..90
        .bytes();
  }

  @Test
  void reportsDepthAndOffsetOfEveryToken() throws Exception {
    DicomReader reader = DicomReader.of(layout(), ReadOptions.all());
    assertThat(tokens(reader)).containsExactly(
        "ELEMENT 0 @0 (0008,0060)",
        "SEQUENCE_START 0 @10 (0008,1140)",
        "ITEM_START 1 @22",
        "ELEMENT 1 @30 (0008,1155)",
        "ITEM_END 1 @42",
        "ITEM_START 1 @50",
        "ELEMENT 1 @58 (0008,1150)",
        "ITEM_END 1 @70",
        "SEQUENCE_END 0 @70 (0008,1140)",
        "ELEMENT 0 @78 (0010,0010)");
  }

  @Test
  void skipsValuesThatAreNotReadAndReadsThoseThatAre() throws Exception {
    DicomReader reader = DicomReader.of(layout(), ReadOptions.all());
    List<String> read = new ArrayList<>();
    for (Token token = reader.next(); token != Token.END; token = reader.next()) {
      if (token == Token.ELEMENT && reader.depth() == 0) {
        read.add(reader.text());
        assertThat(reader.value()).as("asked twice").isEqualTo(reader.text().getBytes());
      }
    }
    assertThat(read).containsExactly("CT", "Doe^");
  }

  @Test
  void readsNestedSequencesOfDefinedAndUndefinedLengthAsItemsOfTheDataSet() throws Exception {
    DataSet read = DataSet.read(DicomReader.of(layout(), ReadOptions.all()));
    List<DataSet> items = read.getSequence(ReferencedImageSequence);
    assertThat(items).hasSize(2);
    assertThat(items.get(0).getString(Tag.ReferencedSOPInstanceUID)).isEqualTo("1.2");
    assertThat(items.get(1).getString(Tag.ReferencedSOPClassUID)).isEqualTo("1.2");
    assertThat(read.getString(Tag.PatientName)).isEqualTo("Doe^");
  }

  static TransferSyntax[] rawSyntaxes() {
    return new TransferSyntax[] {TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN};
  }

  @ParameterizedTest
  @MethodSource("rawSyntaxes")
  void guessesTheEncodingOfADataSetWithoutFileMeta(TransferSyntax syntax) throws Exception {
    byte[] raw = new DicomWriter().dataSetBytes(SampleInstances.ct(4), syntax);
    DicomReader reader = DicomReader.of(raw, ReadOptions.all());
    assertThat(reader.transferSyntax()).isEqualTo(syntax);
    assertThat(reader.fileMeta().size()).isZero();
    DataSet read = DataSet.read(reader);
    assertThat(read.getString(Tag.SOPInstanceUID)).isEqualTo(SampleInstances.CT_INSTANCE);
    assertThat(read.getInt(DataDictionary.tag("SmallestImagePixelValue"))).isEqualTo(-1024);
    assertThat(read.getInts(Tag.PixelData)).hasSize(16).startsWith(65536 - 1024);
  }

  @Test
  void readsAnImplicitVrDataSetWhoseFileMetaDeclaresExplicitVr() throws Exception {
    byte[] implicit = new DicomWriter().dataSetBytes(SampleInstances.rtStructureSet(2),
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    byte[] file = ElementBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, implicit);
    DataSet read = DataSet.read(DicomReader.of(file, ReadOptions.all()));
    assertThat(read.getSequence(Tag.StructureSetROISequence).get(1).getString(Tag.ROIName))
        .isEqualTo("GTV_2");
  }

  @Test
  void readsAnExplicitVrDataSetWhoseFileMetaDeclaresImplicitVr() throws Exception {
    byte[] explicit = new DicomWriter().dataSetBytes(SampleInstances.rtStructureSet(2),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    byte[] file = ElementBytes.part10(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, explicit);
    DataSet read = DataSet.read(DicomReader.of(file, ReadOptions.all()));
    assertThat(read.getSequence(Tag.StructureSetROISequence).get(1).getString(Tag.ROIName))
        .isEqualTo("GTV_2");
  }

  /** pydicom's SC_rgb_jpeg.dcm: meta says JPEG Baseline, the data set is implicit VR. */
  @Test
  void readsPydicomsImplicitDataSetUnderExplicitMetaAsDcmtkReadsItsDataSet() throws Exception {
    Dcmtk.assumeInstalled();
    Path file = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/SC_rgb_jpeg.dcm");
    assumeTrue(Files.exists(file), "python3-pydicom");
    List<String> ours;
    long dataSetStart;
    try (DicomReader reader = DicomReader.open(file, ReadOptions.all())) {
      assertThat(reader.transferSyntax().uid()).isEqualTo("1.2.840.10008.1.2.4.50");
      ours = ElementTree.lines(ReaderTree.of(reader));
    }
    try (DicomReader reader = DicomReader.open(file, ReadOptions.all())) {
      reader.next();
      dataSetStart = reader.offset();
    }
    byte[] bytes = Files.readAllBytes(file);
    Path dataSet = Files.createTempFile("dataset", ".dcm");
    try {
      Files.write(dataSet, Arrays.copyOfRange(bytes, (int) dataSetStart, bytes.length));
      Dcmtk.Run dump = Dcmtk.dump(dataSet, "-f", "-ti");
      assertThat(dump.ok()).as(dump.err()).isTrue();
      assertThat(ours).hasSize(36)
          .containsExactlyElementsOf(ElementTree.lines(DcmdumpTree.parse(dump.out()).dataSet()));
    } finally {
      Files.delete(dataSet);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void onlyTagsSkipsUnwantedSequencesOfEitherLength(boolean undefined) throws Exception {
    byte[] file = new DicomWriter().undefinedLengthSequences(undefined)
        .toBytes(SampleInstances.rtStructureSet(3), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    DicomReader reader = DicomReader.of(file,
        ReadOptions.onlyTags(Tag.StructureSetLabel, Tag.RTROIObservationsSequence));
    List<String> tags = new ArrayList<>();
    for (Token token = reader.next(); token != Token.END; token = reader.next()) {
      if (reader.depth() == 0 && token != Token.SEQUENCE_END) {
        tags.add(Tag.toString(reader.tag()));
      }
    }
    assertThat(tags).containsExactly("(3006,0002)", "(3006,0080)");
    DataSet read = DataSet.read(DicomReader.of(file,
        ReadOptions.onlyTags(Tag.StructureSetLabel, Tag.RTROIObservationsSequence)));
    assertThat(read.getSequence(Tag.RTROIObservationsSequence)).hasSize(3);
    assertThat(read.getSequence(Tag.RTROIObservationsSequence).get(2)
        .getString(Tag.RTROIInterpretedType)).isEqualTo("GTV");
    assertThat(read.contains(Tag.ROIContourSequence)).isFalse();
  }

  @Test
  void onlyTagsStopsPastTheLastWantedTagWithoutReadingFurther() throws Exception {
    byte[] file = new DicomWriter().toBytes(SampleInstances.ct(4),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    long studyUid = -1;
    try (DicomReader reader = DicomReader.of(file, ReadOptions.all())) {
      while (studyUid < 0 && reader.next() != Token.END) {
        studyUid = reader.tag() == Tag.StudyInstanceUID ? reader.offset() : -1;
      }
    }
    // Everything from the Study Instance UID on is garbage: never looked at.
    byte[] damaged = file.clone();
    Arrays.fill(damaged, (int) studyUid, damaged.length, (byte) 0xEE);
    DataSet read = DataSet.read(DicomReader.of(damaged,
        ReadOptions.onlyTags(Tag.PatientID, Tag.Modality, Tag.PatientName)));
    assertThat(read.getString(Tag.PatientName)).isEqualTo("Doe^Jane");
    assertThat(read.getString(Tag.PatientID)).isEqualTo("PAT-001");
    assertThat(read.getString(Tag.Modality)).isEqualTo("CT");
    assertThat(read.contains(Tag.PatientBirthDate)).isFalse();
  }

  /** The character set is read ahead even when unwanted; its bytes once became the next value. */
  @Test
  void onlyTagsGivesEachWantedElementItsOwnValue() throws Exception {
    byte[] file = new DicomWriter().toBytes(SampleInstances.ct(4),
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    DataSet read = DataSet.read(DicomReader.of(file,
        ReadOptions.onlyTags(Tag.ImageType, Tag.Modality, Tag.BitsStored)));
    assertThat(read.getStrings(Tag.ImageType)).containsExactly("ORIGINAL", "PRIMARY", "AXIAL");
    assertThat(read.getString(Tag.Modality)).isEqualTo("CT");
    assertThat(read.getInt(Tag.BitsStored)).isEqualTo(16);
    assertThat(read.contains(Tag.PixelRepresentation)).isFalse();
  }

  @Test
  void readsPixelValuesAsSignedInImplicitVrWhenPixelRepresentationIsOne() throws Exception {
    for (int representation : new int[] {0, 1}) {
      byte[] raw = new ElementBytes(false, false)
          .element(Tag.PixelRepresentation, VR.US, new byte[] {(byte) representation, 0})
          .element(DataDictionary.tag("SmallestImagePixelValue"), VR.US, new byte[] {0, -4})
          .element(DataDictionary.tag("LUTDescriptor"), VR.US, new byte[] {0, -1, 0, 0, 16, 0})
          .bytes();
      DataSet read = DataSet.read(DicomReader.of(raw, ReadOptions.all()));
      Element smallest = read.get(DataDictionary.tag("SmallestImagePixelValue"));
      assertThat(smallest.vr()).isEqualTo(representation == 1 ? VR.SS : VR.US);
      assertThat(read.getInt(smallest.tag())).isEqualTo(representation == 1 ? -1024 : 64512);
      assertThat(read.get(DataDictionary.tag("LUTDescriptor")).vr()).isEqualTo(VR.US);
    }
  }

  @Test
  void readsEncapsulatedPixelDataAsObWhateverItsHeaderSays() throws Exception {
    byte[] body = new ElementBytes(true, false)
        .text(Tag.SOPInstanceUID, VR.UI, "1.2\0")
        .sequence(Tag.PixelData, VR.OW)
        .item(0)
        .item(4).raw(new byte[] {1, 2, 3, 4})
        .sequenceEnd()
        .bytes();
    byte[] file = ElementBytes.part10(TransferSyntax.RLE_LOSSLESS, body);
    DicomReader reader = DicomReader.of(file, ReadOptions.all());
    reader.next();
    assertThat(reader.next()).isEqualTo(Token.SEQUENCE_START);
    assertThat(reader.isFragments()).isTrue();
    assertThat(reader.vr()).isEqualTo(VR.OB);
    DataSet read = DataSet.read(DicomReader.of(file, ReadOptions.all()));
    assertThat(read.get(Tag.PixelData).vr()).isEqualTo(VR.OB);
    assertThat(read.get(Tag.PixelData).fragments()).hasSize(2);
    assertThat(read.get(Tag.PixelData).fragments().get(1)).containsExactly(1, 2, 3, 4);
  }

  @Test
  void keepsTheFirstOfTwoElementsWithOneTagAsDcmtkDoes() throws Exception {
    byte[] raw = new ElementBytes(true, false)
        .text(Tag.PatientName, VR.PN, "First^")
        .text(Tag.PatientName, VR.PN, "Second")
        .bytes();
    assertThat(DataSet.read(DicomReader.of(raw, ReadOptions.all())).getString(Tag.PatientName))
        .isEqualTo("First^");
  }

  @Test
  void readsOddLengthValuesAsStored() throws Exception {
    byte[] raw = new ElementBytes(true, false)
        .text(Tag.PatientName, VR.PN, "Odd")
        .element(Tag.of(0x0009, 0x1001), VR.OB, new byte[] {1, 2, 3})
        .text(Tag.PatientID, VR.LO, "X")
        .bytes();
    DataSet read = DataSet.read(DicomReader.of(raw, ReadOptions.all()));
    assertThat(read.getString(Tag.PatientName)).isEqualTo("Odd");
    assertThat(read.getBytes(Tag.of(0x0009, 0x1001))).containsExactly(1, 2, 3);
    assertThat(read.getString(Tag.PatientID)).isEqualTo("X");
  }

  @Test
  void readsAValueOnlyForTheCurrentElement() throws Exception {
    DicomReader reader = DicomReader.of(layout(), ReadOptions.all());
    assertThat(reader.next()).isEqualTo(Token.ELEMENT);
    assertThat(reader.next()).isEqualTo(Token.SEQUENCE_START);
    assertThatThrownBy(reader::value).isInstanceOf(IllegalStateException.class);
  }
}
