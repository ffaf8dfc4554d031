package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomWriter;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.TransferSyntax;
import dicomsql.engine.dicom.VR;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real folders hold files that lack what most have (pydicom's own test files include several
 * without a Modality): they are indexed with NULLs, and they do not stop the others.
 */
class MissingAttributesTest {
  @TempDir
  Path tmp;

  private static DataSet instance(String sop, String study, String series, String modality) {
    DataSet ds = new DataSet();
    ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
    ds.putString(Tag.SOPInstanceUID, VR.UI, sop);
    if (study != null) {
      ds.putString(Tag.StudyInstanceUID, VR.UI, study);
    }
    if (series != null) {
      ds.putString(Tag.SeriesInstanceUID, VR.UI, series);
    }
    if (modality != null) {
      ds.putString(Tag.Modality, VR.CS, modality);
    }
    return ds;
  }

  @Test
  void filesWithoutModalityStudyOrSeriesAreIndexedWithNulls() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    DicomWriter writer = new DicomWriter();
    TransferSyntax syntax = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    writer.write(data.resolve("a.dcm"), instance("1.1", "9.1", "9.1.1", null), syntax);
    writer.write(data.resolve("b.dcm"), instance("1.2", "9.1", "9.1.2", "CT"), syntax);
    writer.write(data.resolve("c.dcm"), instance("1.3", "9.2", "9.2.1", null), syntax);
    writer.write(data.resolve("d.dcm"), instance("1.4", null, null, null), syntax);
    try (DicomIndex index = DicomIndex.open(data,
        IndexOptions.defaults().withFolder(tmp.resolve("index")))) {
      assertThat(index.table("instances").size()).isEqualTo(4);
      assertThat(index.table("scan_errors").size()).isZero();
      assertThat(TestData.rows(index, "series")).extracting(
          row -> TestData.value(row, Tables.SERIES, "modality")).containsNull().contains("CT");
      assertThat(TestData.rows(index, "studies")).extracting(row -> row[0])
          .contains("9.1", "9.2");
    }
  }
}
