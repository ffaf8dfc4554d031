package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose elements say VR UN in explicit VR (as gdcmconv writes them): read by the
 * dictionary's VR, as pydicom does, so they give the same values and VRs as the file before
 * it was rewritten, and as pydicom reads from the rewritten one.
 */
class UnEncodedValuesTest {
  private static final Path TEST_FILES =
      Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

  @TempDir
  Path tmp;

  @Test
  void unValuesReadAsTheDictionarySaysAsInTheOriginalAndAsPydicomReadsThem() throws Exception {
    Pydicom.assumeInstalled();
    Path original = TEST_FILES.resolve("CT_small.dcm");
    Path un = tmp.resolve("CT_small_un.dcm");
    ExternalTool.Output pydicom = ExternalTool.run(List.of(Pydicom.PYTHON.toString(),
        script().toString(), original.toString(), un.toString()));
    assertThat(pydicom.succeeded()).as(pydicom.stderr()).isTrue();

    assertThat(listing(un)).isEqualTo(listing(original));
    DataSet ds = DataSet.read(un);
    assertThat(ds.getDoubles(Tag.PixelSpacing)).containsExactly(0.661468, 0.661468);
    assertThat(ds.getInt(Tag.Rows)).isEqualTo(128);
    Map<String, String[]> byPydicom = new TreeMap<>();
    for (String line : pydicom.stdout().split("\n")) {
      String[] fields = line.split("\t", -1);
      byPydicom.put(fields[0], fields);
    }
    for (ElementListing.Row row : rows(un)) {
      String[] theirs = byPydicom.get(row.tagPath());
      if (!isStandard(row) || theirs == null) {
        continue;
      }
      assertThat(row.vr().name()).as(row.tagPath()).isEqualTo(theirs[1]);
      if (row.vr() == VR.DS || row.vr() == VR.US || row.vr() == VR.IS) {
        assertThat(Double.parseDouble(row.value().split("\\\\")[0])).as(row.tagPath())
            .isEqualTo(Double.parseDouble(theirs[2].split("\\\\")[0]));
      }
    }
  }

  private static List<ElementListing.Row> rows(Path file) throws IOException {
    List<ElementListing.Row> rows = new ArrayList<>();
    ElementListing.list(file, rows::add);
    return rows;
  }

  /** Every standard data set element as path, VR and value. */
  private static List<String> listing(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (ElementListing.Row row : rows(file)) {
      if (isStandard(row)) {
        lines.add(row.tagPath() + " " + row.vr() + " " + row.value());
      }
    }
    return lines;
  }

  /** Not the file meta group, and not private (pydicom knows some private VRs, we do not). */
  private static boolean isStandard(ElementListing.Row row) {
    return Tag.group(row.tag()) != 0x0002 && (Tag.group(row.tag()) & 1) == 0;
  }

  private static Path script() throws URISyntaxException {
    return Path.of(UnEncodedValuesTest.class.getResource("un_encode.py").toURI());
  }
}
