package dicomsql.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query of the cookbook: it runs through JDBC as the file stands, answers with the columns
 * it promises, and says what it asks and how to read the answer. What the answers hold is
 * checked against the ground truth by the tests named after each query's subject.
 */
class CookbookTest {
  /** The cookbook's sources; tests run with the module as working folder. */
  private static final Path FOLDER = Path.of("src/main/resources", CookbookQuery.FOLDER);
  /** Each query's columns, in order: users' scripts and the CSV header depend on them. */
  private static final Map<String, List<String>> COLUMNS = Map.of(
      "phase-combinations", List.of("phases", "cases", "patients", "case_names"),
      "missing-phases", List.of("case_name", "patient_id", "study_uid", "present",
          "missing_phase"),
      "roi-volumes", List.of("case_name", "roi_name", "roi_number", "drawn_on", "voxels",
          "volume_cc", "rtss_uid"),
      "lesion-enhancement", List.of("case_name", "roi_name", "roi_number", "drawn_on", "hu_n",
          "hu_a", "hu_p", "hu_d", "arterial_enhancement", "hyper_enhancing", "washes_out",
          "hcc_pattern", "rtss_uid"),
      "scanner-inventory", List.of("manufacturer", "model_name", "kernel", "slice_thickness",
          "rows", "columns", "series", "studies", "patients", "min_row_spacing",
          "max_row_spacing", "min_col_spacing", "max_col_spacing", "min_slice_spacing",
          "max_slice_spacing"),
      "deid-dates", List.of("tag_path", "keyword", "vr", "files", "first_value", "last_value",
          "example_path"),
      "deid-private-tags", List.of("tag_path", "vr", "files", "example_value", "example_path"),
      "deid-institution-names", List.of("keyword", "value", "files", "series", "example_path"),
      "deid-overlong-values", List.of("tag_path", "keyword", "vr", "max_chars", "files",
          "example_value", "example_path"));

  private static Connection connection;

  @BeforeAll
  static void connect() throws Exception {
    connection = GeneratedCases.shared().connect();
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  static Stream<String> queries() throws IOException {
    try (Stream<Path> files = Files.list(FOLDER)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".sql"))
          .map(name -> name.substring(0, name.length() - ".sql".length()))
          .sorted().toList().stream();
    }
  }

  @Test
  void theCookbookHoldsTheQueriesTheTestsKnow() throws IOException {
    assertThat(queries()).containsExactlyInAnyOrderElementsOf(COLUMNS.keySet());
  }

  @ParameterizedTest
  @MethodSource("queries")
  void runsAsWrittenAndAnswersWithItsColumns(String name) throws Exception {
    assertThat(QueryRows.columns(connection, CookbookQuery.load(name)))
        .containsExactlyElementsOf(COLUMNS.get(name));
  }

  @ParameterizedTest
  @MethodSource("queries")
  void saysWhatItAsksHowToReadTheAnswerAndWhatItCosts(String name) throws IOException {
    String text = Files.readString(FOLDER.resolve(name + ".sql"), StandardCharsets.UTF_8);
    assertThat(text).startsWith("-- Question").contains("\n-- How to read the answer: ")
        .contains("\n-- Cost: ").endsWith(";\n");
    assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThan(100));
  }

  @Test
  void aQueryLosesOnlyItsClosingSemicolon() {
    assertThat(CookbookQuery.withoutSemicolon("-- why\nSELECT ';' FROM rois;\n"))
        .isEqualTo("-- why\nSELECT ';' FROM rois");
    assertThat(CookbookQuery.withoutSemicolon("SELECT 1")).isEqualTo("SELECT 1");
  }

  @Test
  void anUnknownQueryIsAClearError() {
    assertThatThrownBy(() -> CookbookQuery.load("no-such-query"))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessage("the cookbook has no query queries/no-such-query.sql");
  }
}
