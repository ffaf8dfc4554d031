package dicomsql.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many file lists a read is cut into. */
class DicomOptionsTest {
  @TempDir
  Path data;

  @Test
  void fourListsPerCoreAndNoListOfMoreThanTenThousandFiles() {
    DicomOptions options = DicomOptions.of(Map.of("path", data.toString()));
    assertThat(options.partitionsFor(24_539, 2)).isEqualTo(8);
    assertThat(options.partitionsFor(437_507, 2)).isEqualTo(44);
    assertThat(options.partitionsFor(3, 2)).isEqualTo(3);
  }

  @Test
  void partitionsSetAreTheListsWhateverTheSize() {
    DicomOptions options = DicomOptions.of(Map.of("path", data.toString(), "partitions", "5"));
    assertThat(options.partitionsFor(437_507, 2)).isEqualTo(5);
  }
}
