package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomWriter;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.TransferSyntax;
import dicomsql.engine.dicom.VR;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An element far larger than any index value needs (a 100 MB Image Comments): the index keeps
 * its first 64 KiB, flagged as cut, so that neither indexing nor later queries need the memory
 * the whole would take.
 */
class HugeValuesTest {
  @TempDir
  Path tmp;

  /** Gives the first slice of the first series an Image Comments of {@code bytes} letters. */
  private Path dataWithComment(int bytes) throws IOException {
    Path data = TestData.generate(tmp.resolve("data"), 1, 5, 32, 3);
    TestData.takeTruth(data, "truth.csv");
    TestData.takeTruth(data, "truth_series.csv");
    Path slice = TestData.files(data).get(0);
    DataSet ds = DataSet.read(slice);
    ds.putString(Tag.ImageComments, VR.LT, "x".repeat(bytes));
    new DicomWriter().write(slice, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    return data;
  }

  @Test
  void aHugeValueIsKeptAsItsStartAndSaysSo() throws IOException {
    Path data = dataWithComment(1_000_000);
    try (DicomIndex index = DicomIndex.open(data,
        IndexOptions.defaults().withFolder(tmp.resolve("index")))) {
      List<String> comments = TestData.rows(index, "series").stream()
          .map(row -> (String) TestData.value(row, Tables.SERIES, "image_comments"))
          .filter(comment -> comment != null && comment.startsWith("x")).toList();
      assertThat(comments).containsExactly(
          "x".repeat(64 * 1024) + " ... (cut: 1000000 bytes in the file)");
    }
  }

  @Test
  void aHundredMegabyteElementIsIndexedInA64MegabyteHeap() throws Exception {
    Path data = dataWithComment(100 << 20);
    int files = TestData.files(data).size();
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-Xmx64m", "-cp",
        System.getProperty("java.class.path"), IndexChild.class.getName(), data.toString(),
        tmp.resolve("index").toString(), "AUTO", "0", "0").redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("instances " + files);
    assertThat(child.exitValue()).as(output).isZero();
  }
}
