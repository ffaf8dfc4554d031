package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueRulesTest {
  @TempDir
  Path dir;

  private static DataSet brokenRules() {
    DataSet ds = new DataSet();
    ds.putString(Tag.AccessionNumber, VR.SH, "ANON-ACCESSION-0000123456789");
    ds.putString(Tag.Modality, VR.CS, "CT");
    ds.putString(Tag.ImageType, VR.CS, "ORIGINAL", "A_CODE_STRING_LONGER_THAN_16");
    ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.543." + "1".repeat(40));
    ds.putString(Tag.PatientName, VR.PN,
        "Doe^Jane", "Short^Name=" + "Ideographic".repeat(6) + "^X");
    ds.putString(Tag.PatientBirthDate, VR.DA, "1970.01.01");
    ds.putString(Tag.PatientAge, VR.AS, "54");
    ds.putString(Tag.StudyDate, VR.DA, "20240229");
    ds.putBytes(Tag.Rows, VR.US, new byte[] {1, 2, 3});
    DataSet roi = ds.addItem(Tag.ROIContourSequence);
    roi.addItem(Tag.ContourSequence).putString(Tag.ContourGeometricType, VR.CS, "POINT");
    roi.addItem(Tag.ContourSequence)
        .putString(Tag.ContourData, VR.DS, "1.0", "12345678901234567", "3");
    return ds;
  }

  @Test
  void listsEveryValueThatBreaksItsVrsRulesWithWhereItIs() {
    assertThat(ValueRules.check(brokenRules())).extracting(ValueProblem::toString).containsExactly(
        "(0008,0008) CS: CS value of 28 characters, more than 16",
        "(0008,0018) UI: UI value of 67 characters, more than 64",
        "(0008,0050) SH: SH value of 28 characters, more than 16",
        "(0010,0010) PN: PN component group of 68 characters, more than 64",
        "(0010,0030) DA: DA value '1970.01.01' is not 8 digits (YYYYMMDD)",
        "(0010,1010) AS: AS value '54' is not 4 characters (nnnD, nnnW, nnnM or nnnY)",
        "(0028,0010) US: length 3 is not a multiple of 2",
        "(3006,0039)[0].(3006,0040)[1].(3006,0050) DS: DS value of 17 characters, more than 16");
  }

  @Test
  void findsNothingInValidInstances() {
    assertThat(ValueRules.check(SampleInstances.ct(4))).isEmpty();
    assertThat(ValueRules.check(SampleInstances.rtStructureSet(3))).isEmpty();
  }

  /** Real de-identified data has them: they are reported, never fatal, and read in full. */
  @Test
  void overLongValuesAreWrittenReadAndReportedButKept() throws Exception {
    for (TransferSyntax syntax : DicomWriterTest.syntaxes()) {
      DataSet written = brokenRules();
      written.putString(Tag.SOPClassUID, VR.UI, SampleInstances.CT_IMAGE_STORAGE);
      Path file = dir.resolve("broken.dcm");
      new DicomWriter().write(file, written, syntax);
      DataSet read = DataSet.read(file);
      assertThat(read.getString(Tag.AccessionNumber)).isEqualTo("ANON-ACCESSION-0000123456789");
      assertThat(read.getStrings(Tag.ImageType))
          .containsExactly("ORIGINAL", "A_CODE_STRING_LONGER_THAN_16");
      assertThat(read.getString(Tag.PatientBirthDate)).isEqualTo("1970.01.01");
      assertThat(ValueRules.check(read)).extracting(ValueProblem::path)
          .contains("(0008,0050)", "(3006,0039)[0].(3006,0040)[1].(3006,0050)");
    }
  }
}
