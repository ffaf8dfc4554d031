package dicomsql.engine.phase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhaseRulesTest {
  private static final PhaseRules RULES = PhaseRules.builtIn();
  private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");

  private static PhaseRules.SeriesFacts ct(String description, String agent, String comments,
      String time) {
    return new PhaseRules.SeriesFacts("CT", description, agent, comments,
        time == null ? null : LocalTime.parse(time, HHMMSS));
  }

  private static String decisions(PhaseRules rules, PhaseRules.SeriesFacts... study) {
    return rules.decide(List.of(study)).stream()
        .map(d -> d.phase() == null ? "-" : d.phase() + " " + d.source())
        .collect(Collectors.joining(" | "));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "Non Contrast 5.0 B31f | N | non contrast",
      "NON-CONTRAST 5.0 B31f | N | non contrast",
      "Pre 5.0 B31f | N | pre",
      "Pre-contrast | N | pre",
      "Plain CT abdomen | N | plain",
      "NC 5mm | N | nc",
      "Abd W/O | N | w o",
      "Arterial Phase 5.0 B31f | A | arterial",
      "ART 5.0 B31f | A | art",
      "Art. Phase 5.0 B31f | A | art",
      "Early Arterial 5.0 B31f | A | arterial",
      "Late Arterial 3mm | A | late arterial",
      "Port. Phas 5.0 B31f | P | port",
      "PV 5.0 B31f | P | pv",
      "Portal Venous 5.0 B31f | P | portal venous",
      "Venous Phase 5.0 B31f | P | venous",
      "ABD_PV_2.5 | P | pv",
      "Delay Phas 5.0 B31f | D | delay",
      "Delayed 3min 5.0 B31f | D | delayed",
      "Equilibrium 5.0 B31f | D | equilibrium",
      "DELAYED | D | delayed",
      "late phase | D | late"})
  void descriptionKeywordsNameThePhase(String description, String phase, String keyword) {
    PhaseKeywords.Match match = PhaseKeywords.builtIn().match(description);
    assertThat(match).isNotNull();
    assertThat(match.phase()).isEqualTo(Phase.valueOf(phase));
    assertThat(match.keyword()).isEqualTo(keyword);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"Abdomen 5.0 B31f", "Liver", "Partial", "Cart", "Apart",
      "Art and PV", "Prepare", "Report"})
  void wordsInsideOtherWordsOrOfTwoPhasesNameNone(String description) {
    assertThat(PhaseKeywords.builtIn().match(description)).isNull();
  }

  @Test
  void descriptionComesBeforeContrastEvidence() {
    assertThat(decisions(RULES, ct("Arterial Phase", null, null, "100000")))
        .isEqualTo("A description:arterial");
    assertThat(decisions(RULES, ct("Pre", "OMNIPAQUE 350", "IV contrast", "100000")))
        .isEqualTo("N description:pre");
  }

  @Test
  void noContrastAgentNorContrastCommentIsNonContrast() {
    assertThat(decisions(RULES,
        ct("Abdomen 5.0 B31f", null, null, "100000"),
        ct("Abdomen 5.0 B31f", "NONE", "", "100100"),
        ct("Abdomen 5.0 B31f", null, "non contrast study", "100200")))
        .isEqualTo("N no-contrast | N no-contrast | N no-contrast");
  }

  @Test
  void contrastSeriesWithoutKeywordsFollowTheirAcquisitionOrder() {
    assertThat(decisions(RULES,
        ct("Liver 5.0 B31f", "IV CONTRAST", "IV contrast", "101500"),
        ct("Abdomen 5.0 B31f", null, null, "100000"),
        ct("Liver 5.0 B31f", "IV CONTRAST", null, "100400"),
        ct("Liver 5.0 B31f", null, "IV contrast", "100445")))
        .isEqualTo("D acquisition-order | N no-contrast | A acquisition-order"
            + " | P acquisition-order");
  }

  @Test
  void namedSeriesAnchorTheOrderOfTheUnnamed() {
    assertThat(decisions(RULES,
        ct("PV 5.0 B31f", "IV CONTRAST", "IV contrast", "100445"),
        ct("ABD 5.0 B31f", "IV CONTRAST", "IV contrast", "101500"),
        ct("ART 5.0 B31f", "IV CONTRAST", "IV contrast", "100400")))
        .isEqualTo("P description:pv | D acquisition-order | A description:art");
  }

  @Test
  void unnamedAcquisitionsBeforeANamedOneTakeThePhasesBeforeIt() {
    assertThat(decisions(RULES,
        ct("Non Contrast", null, null, "100000"),
        ct("ABD 5.0 B31f", "IV CONTRAST", null, "100400"),
        ct("Delay Phas 5.0 B31f", "IV CONTRAST", null, "100600")))
        .isEqualTo("N description:non contrast | P acquisition-order | D description:delay");
  }

  @Test
  void reconstructionsOfOneAcquisitionShareItsPhase() {
    assertThat(decisions(RULES,
        ct("Arterial 5.0 B31f", "IV CONTRAST", null, "100400"),
        ct("Liver 1.0 B20f", "IV CONTRAST", null, "100405"),
        ct("Liver 5.0 B31f", "IV CONTRAST", null, "100445")))
        .isEqualTo("A description:arterial | A acquisition-order | P acquisition-order");
  }

  @Test
  void contrastSeriesWithoutATimeAndNonImageSeriesStayUndecided() {
    assertThat(decisions(RULES,
        ct("Liver", "IV CONTRAST", null, null),
        new PhaseRules.SeriesFacts("RTSTRUCT", "Arterial", null, null, null)))
        .isEqualTo("- | -");
  }

  @Test
  void aUsersRulesFileReplacesTheKeywords(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("rules.txt");
    Files.writeString(file, "# mine\nA hap\nP pvp\n");
    PhaseRules rules = new PhaseRules(PhaseKeywords.load(file));
    assertThat(decisions(rules, ct("HAP 2mm", "X", null, "100000"))).isEqualTo("A description:hap");
    assertThat(decisions(rules, ct("Arterial", "X", null, "100000")))
        .isEqualTo("A acquisition-order");
  }

  @Test
  void aBadRulesLineIsReportedWithItsNumber() {
    assertThatThrownBy(() -> PhaseKeywords.parse(new StringReader("A art\nX foo\n"), "rules.txt"))
        .isInstanceOf(IOException.class)
        .hasMessage("rules.txt line 2: expected a phase letter (N, A, P or D) and a keyword, "
            + "found \"X foo\"");
  }

  @Test
  void aFileThatIsNotARulesFileIsNeverEchoed(@TempDir Path tmp) throws IOException {
    Path shadow = Files.writeString(tmp.resolve("shadow"),
        "root:$6$s3cret$hash:19000:0:99999:7:::\nA arterial\n");
    assertThatThrownBy(() -> PhaseKeywords.load(shadow)).isInstanceOf(IOException.class)
        .hasMessage(shadow + " is not a phase rules file: line 1 is not a rule (expected a "
            + "phase letter (N, A, P or D) and a keyword; the line is not shown, as no rule "
            + "comes before it)");
  }

  @Test
  void devicesHugeAndBinaryFilesAreRefusedWithoutReadingThemWhole(@TempDir Path tmp)
      throws IOException {
    Path zero = Path.of("/dev/zero");
    if (Files.exists(zero)) {
      assertThatThrownBy(() -> PhaseKeywords.load(zero))
          .hasMessage("/dev/zero is not a phase rules file: not a regular file");
    }
    Path huge = Files.write(tmp.resolve("huge.txt"), new byte[PhaseKeywords.MAX_BYTES + 1]);
    assertThatThrownBy(() -> PhaseKeywords.load(huge))
        .hasMessage(huge + " is not a phase rules file: larger than 256 KiB");
    Path binary = Files.write(tmp.resolve("binary"), new byte[] {'A', ' ', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> PhaseKeywords.load(binary))
        .hasMessage(binary + " is not a phase rules file: not UTF-8 text");
    Path nul = Files.write(tmp.resolve("nul"), new byte[] {'A', ' ', 'x', 0, '\n'});
    assertThatThrownBy(() -> PhaseKeywords.load(nul))
        .hasMessage(nul + " is not a phase rules file: not text (it holds NUL bytes)");
    assertThatThrownBy(() -> PhaseKeywords.load(tmp.resolve("missing")))
        .hasMessage(tmp.resolve("missing") + " is not a phase rules file: no such file");
  }
}
