package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed reader's buffer is kept for the next reader the thread opens: readers open at the
 * same time, or opened after one was closed twice, must each read their own file.
 */
class ReaderBuffersTest {
  @TempDir
  Path tmp;

  @Test
  void readersOpenTogetherOrAfterADoubleCloseReadTheirOwnFiles() throws IOException {
    Path[] files = new Path[3];
    for (int i = 0; i < files.length; i++) {
      files[i] = tmp.resolve(i + ".dcm");
      DataSet ds = new DataSet();
      ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
      ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3." + i);
      // Longer than a reader's buffer, so that reading one file refills it.
      ds.putString(Tag.ImageComments, VR.LT, String.valueOf((char) ('a' + i)).repeat(40_000));
      new DicomWriter().write(files[i], ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }
    DicomReader first = DicomReader.open(files[0], ReadOptions.all());
    assertThat(DataSet.read(first).getString(Tag.SOPInstanceUID)).isEqualTo("1.2.3.0");
    first.close();
    first.close();
    try (DicomReader second = DicomReader.open(files[1], ReadOptions.all());
        DicomReader third = DicomReader.open(files[2], ReadOptions.all())) {
      DataSet two = DataSet.read(second);
      DataSet three = DataSet.read(third);
      assertThat(two.getString(Tag.SOPInstanceUID)).isEqualTo("1.2.3.1");
      assertThat(two.getText(Tag.ImageComments)).isEqualTo("b".repeat(40_000));
      assertThat(three.getString(Tag.SOPInstanceUID)).isEqualTo("1.2.3.2");
      assertThat(three.getText(Tag.ImageComments)).isEqualTo("c".repeat(40_000));
    }
  }
}
