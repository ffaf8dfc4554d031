package dicomsql.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.index.DicomIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar on a real cluster manager: a standalone master and two workers, each its own
 * process, the job submitted with spark-submit. Its counts of every table equal the embedded
 * engine's, and both workers ran executors of it.
 */
class StandaloneClusterIT {
  @TempDir
  Path temp;

  @Test
  void submittedJobCountsEveryTableAsTheEmbeddedEngine()
      throws IOException, InterruptedException, SQLException {
    Path data = TestData.generate(temp.resolve("data"));
    List<String> expected = new ArrayList<>();
    try (DicomIndex index = TestData.index(data, temp.resolve("index"), null)) {
      for (ContractTable table : ContractTable.values()) {
        long count = switch (table) {
          case CONTOUR_POINTS -> TestData.contourPoints(index).size();
          case ATTRIBUTES -> (Long) Embedded.query(data, temp.resolve("index"),
              "SELECT COUNT(*) FROM attributes").get(0).get(0);
          case ROI_MEASUREMENTS -> Embedded.query(data, temp.resolve("index"),
              Embedded.ROI_MEASUREMENTS).size();
          default -> TestData.rows(index, table).size();
        };
        expected.add(table.tableName() + "\t" + count);
      }
    }
    Path jar = Path.of(System.getProperty("dicomsql.spark.jar"));
    try (StandaloneCluster cluster = new StandaloneCluster(temp.resolve("cluster"))) {
      cluster.startMaster();
      cluster.startWorker("worker-1", temp.resolve("work-1"));
      cluster.startWorker("worker-2", temp.resolve("work-2"));
      String output = cluster.submit(jar, TableCounts.class.getName(), data.toString());
      assertThat(output.lines().toList()).containsExactlyElementsOf(expected);
      for (String worker : List.of("work-1", "work-2")) {
        try (Stream<Path> apps = Files.list(temp.resolve(worker))) {
          assertThat(apps.map(app -> app.getFileName().toString()))
              .as("applications run by " + worker).anyMatch(app -> app.startsWith("app-"));
        }
      }
    }
  }
}
