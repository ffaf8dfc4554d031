package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DicomWriterTest {
  static TransferSyntax[] syntaxes() {
    return new TransferSyntax[] {
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
        TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN};
  }

  private static DataSet sample() {
    DataSet ds = new DataSet();
    ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
    ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5");
    ds.putDate(Tag.StudyDate, LocalDate.of(2019, 1, 1));
    ds.putTime(Tag.StudyTime, LocalTime.of(9, 30, 5));
    ds.putString(Tag.PatientName, VR.PN, "Müller^Hans");
    ds.putDouble(Tag.PixelSpacing, VR.DS, 0.703125, 0.7031250001);
    ds.putInt(Tag.Rows, VR.US, 512);
    ds.putInt(Tag.InstanceNumber, VR.IS, 17);
    ds.putDouble(Tag.RescaleIntercept, VR.DS, -1024);
    DataSet item = ds.addItem(Tag.ReferencedImageSequence);
    item.putString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
    item.addItem(Tag.ContourImageSequence).putString(Tag.ReferencedSOPClassUID, VR.UI, "1.2");
    ds.putInt(Tag.PixelData, VR.OW, 1, -2, 300, 65535);
    return ds;
  }

  @ParameterizedTest
  @MethodSource("syntaxes")
  void readsBackWhatItWrites(TransferSyntax syntax) throws Exception {
    for (boolean undefined : new boolean[] {false, true}) {
      byte[] bytes = new DicomWriter().undefinedLengthSequences(undefined)
          .toBytes(sample(), syntax);
      DicomReader reader = DicomReader.of(bytes, ReadOptions.all());
      assertThat(reader.transferSyntax()).isEqualTo(syntax);
      assertThat(reader.fileMeta().getString(Tag.MediaStorageSOPInstanceUID))
          .isEqualTo("1.2.3.4.5");
      DataSet back = DataSet.read(reader);
      assertThat(back.getString(Tag.PatientName)).isEqualTo("Müller^Hans");
      assertThat(back.getDate(Tag.StudyDate)).isEqualTo(LocalDate.of(2019, 1, 1));
      assertThat(back.getTime(Tag.StudyTime)).isEqualTo(LocalTime.of(9, 30, 5));
      assertThat(back.getDoubles(Tag.PixelSpacing)).containsExactly(0.703125, 0.7031250001);
      assertThat(back.getInt(Tag.Rows)).isEqualTo(512);
      assertThat(back.getInt(Tag.InstanceNumber)).isEqualTo(17);
      assertThat(back.getDouble(Tag.RescaleIntercept)).isEqualTo(-1024.0);
      DataSet item = back.getSequence(Tag.ReferencedImageSequence).get(0);
      assertThat(item.getString(Tag.ReferencedSOPInstanceUID)).isEqualTo("1.2.3");
      assertThat(item.getSequence(Tag.ContourImageSequence).get(0)
          .getString(Tag.ReferencedSOPClassUID)).isEqualTo("1.2");
      assertThat(back.getInts(Tag.PixelData)).containsExactly(1, 65534, 300, 65535);
    }
  }

  /** Implicit VR names no VR: only an undefined length tells a reader a private SQ is one. */
  @ParameterizedTest
  @MethodSource("syntaxes")
  void privateSequenceReadsBackAsSequence(TransferSyntax syntax) throws Exception {
    DataSet ds = sample();
    ds.putString(Tag.of(0x0029, 0x0010), VR.LO, "DICOMSQL TEST");
    ds.addItem(Tag.of(0x0029, 0x1002)).putString(Tag.PatientID, VR.LO, "in a private item");
    DataSet back = DataSet.read(DicomReader.of(new DicomWriter().toBytes(ds, syntax),
        ReadOptions.all()));
    assertThat(back.getSequence(Tag.of(0x0029, 0x1002))).singleElement()
        .satisfies(item -> assertThat(item.getString(Tag.PatientID))
            .isEqualTo("in a private item"));
  }

  @Test
  void writesNeitherGroupLengthsNorFileMetaElementsOfTheDataSet() throws Exception {
    DataSet ds = sample();
    ds.putInt(Tag.of(0x0008, 0x0000), VR.UL, 12345);
    ds.putString(Tag.TransferSyntaxUID, VR.UI, "1.2.840.10008.1.2.2");
    DicomReader reader = DicomReader.of(
        new DicomWriter().toBytes(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
        ReadOptions.all());
    assertThat(reader.fileMeta().getString(Tag.TransferSyntaxUID))
        .isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
    DataSet back = DataSet.read(reader);
    assertThat(back.contains(Tag.of(0x0008, 0x0000))).isFalse();
    assertThat(back.contains(Tag.TransferSyntaxUID)).isFalse();
    assertThat(back.getString(Tag.PatientName)).isEqualTo("Müller^Hans");
  }
}
