package dicomsql.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cookbook's phase queries against the phases the generator gave each series. */
class PhaseQueriesTest {
  private static final String PHASE_ORDER = "NAPD";

  private static GeneratedCases cases;
  private static Connection connection;
  /** Per study of the ground truth: its phases in acquisition order, e.g. NAPD. */
  private static Map<String, String> phasesOfStudy;
  private static Map<String, String> caseOfStudy;

  @BeforeAll
  static void connect() throws Exception {
    cases = GeneratedCases.shared();
    connection = cases.connect();
    phasesOfStudy = new TreeMap<>();
    caseOfStudy = new TreeMap<>();
    for (Map<String, String> series : cases.series) {
      String study = series.get("study_uid");
      phasesOfStudy.merge(study, series.get("phase"), PhaseQueriesTest::inPhaseOrder);
      caseOfStudy.put(study, series.get("case"));
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static String inPhaseOrder(String a, String b) {
    StringBuilder phases = new StringBuilder();
    for (char phase : PHASE_ORDER.toCharArray()) {
      if (a.indexOf(phase) >= 0 || b.indexOf(phase) >= 0) {
        phases.append(phase);
      }
    }
    return phases.toString();
  }

  @Test
  void phaseCombinationsCountTheStudiesOfEachCombination() throws Exception {
    Map<String, TreeSet<String>> expected = new TreeMap<>();
    phasesOfStudy.forEach((study, phases) ->
        expected.computeIfAbsent(phases, p -> new TreeSet<>()).add(caseOfStudy.get(study)));
    assertThat(expected).hasSizeGreaterThan(1);
    Map<String, TreeSet<String>> found = new TreeMap<>();
    for (Map<String, Object> row : QueryRows.of(connection,
        CookbookQuery.load("phase-combinations"))) {
      TreeSet<String> names = new TreeSet<>(
          Arrays.asList(((String) row.get("case_names")).split(", ")));
      assertThat(row.get("cases")).isEqualTo((long) names.size());
      assertThat(row.get("patients")).isEqualTo((long) names.size());
      found.put((String) row.get("phases"), names);
    }
    assertThat(found).isEqualTo(expected);
  }

  @Test
  void missingPhasesNameEachPhaseAStudyLacks() throws Exception {
    List<String> expected = new ArrayList<>();
    phasesOfStudy.forEach((study, phases) -> {
      for (char phase : PHASE_ORDER.toCharArray()) {
        if (phases.indexOf(phase) < 0) {
          expected.add(caseOfStudy.get(study) + " " + study + " " + phases + " -" + phase);
        }
      }
    });
    assertThat(expected).isNotEmpty();
    List<String> found = new ArrayList<>();
    for (Map<String, Object> row : QueryRows.of(connection,
        CookbookQuery.load("missing-phases"))) {
      found.add(row.get("case_name") + " " + row.get("study_uid") + " " + row.get("present")
          + " -" + row.get("missing_phase"));
    }
    assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
  }
}
