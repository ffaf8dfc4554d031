package dicomsql.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enhancement table program: its CSV, its messages and its exit statuses. */
class EnhancementTableTest {
  @TempDir
  Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return EnhancementTable.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** The file holds, line for line, what the cookbook query returns through JDBC. */
  @Test
  void writesTheCookbookQueryAsCsvWithAHeaderRow() throws Exception {
    GeneratedCases cases = GeneratedCases.shared();
    Path csv = tmp.resolve("enhancement.csv");
    assertThat(run(cases.data.toString(), csv.toString(), cases.index.toString()))
        .as(err()).isEqualTo(EnhancementTable.OK);
    List<String> expected = new ArrayList<>();
    try (Connection connection = cases.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(CookbookQuery.load(EnhancementTable.QUERY))) {
      int width = rows.getMetaData().getColumnCount();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= width; i++) {
        header.add(rows.getMetaData().getColumnLabel(i));
      }
      expected.add(String.join(",", header));
      while (rows.next()) {
        List<String> fields = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
          fields.add(rows.getString(i) == null ? "" : rows.getString(i));
        }
        expected.add(String.join(",", fields));
      }
    }
    String text = Files.readString(csv, StandardCharsets.UTF_8);
    assertThat(text).endsWith("\r\n").doesNotContain("\"");
    assertThat(text.split("\r\n")).containsExactlyElementsOf(expected);
    assertThat(expected.get(0)).startsWith("case_name,roi_name,roi_number,drawn_on,hu_n,hu_a,");
    assertThat(expected).hasSize(cases.lesions.size() + 1);
    assertThat(out.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("wrote " + cases.lesions.size() + " ROIs to " + csv);
    try (var files = Files.list(tmp)) {
      assertThat(files).containsExactly(csv);
    }
  }

  @Test
  void aBadCommandLineShowsTheUsageAndExitsWithTwo() {
    assertThat(run("only-one")).isEqualTo(EnhancementTable.USAGE_ERROR);
    assertThat(err()).startsWith("EnhancementTable: expected 2 or 3 arguments, got 1")
        .contains(EnhancementTable.USAGE);
    err.reset();
    assertThat(run("--rebuild", "data", "out.csv")).isEqualTo(EnhancementTable.USAGE_ERROR);
    assertThat(err()).startsWith("EnhancementTable: unknown option or empty argument "
        + "'--rebuild'");
    err.reset();
    assertThat(run("a;b", "out.csv")).isEqualTo(EnhancementTable.USAGE_ERROR);
    assertThat(err()).contains("cannot be named in a jdbc:dicom: URL");
    assertThat(run("--help")).isEqualTo(EnhancementTable.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(EnhancementTable.USAGE);
  }

  /** A failed query is one line on stderr, and leaves no file, half-written or not. */
  @Test
  void aMissingDataFolderExitsWithOneAndWritesNothing() throws Exception {
    Path csv = tmp.resolve("out.csv");
    assertThat(run(tmp.resolve("no-data").toString(), csv.toString(),
        tmp.resolve("index").toString())).isEqualTo(EnhancementTable.FAILED);
    assertThat(err()).startsWith("EnhancementTable: ").contains("does not exist")
        .hasLineCount(1);
    assertThat(csv).doesNotExist();
    try (var files = Files.list(tmp)) {
      assertThat(files).noneMatch(file -> file.getFileName().toString().startsWith("out.csv"));
    }
  }

  @Test
  void anOutputFolderThatDoesNotExistIsAnError() {
    Path csv = tmp.resolve("missing/out.csv");
    assertThat(run(tmp.toString(), csv.toString())).isEqualTo(EnhancementTable.FAILED);
    assertThat(err().strip())
        .isEqualTo("EnhancementTable: cannot write " + csv + ": its folder does not exist");
  }
}
