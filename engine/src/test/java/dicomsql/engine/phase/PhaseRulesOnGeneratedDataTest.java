package dicomsql.engine.phase;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.ReadOptions;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.GroundTruth;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhaseRulesOnGeneratedDataTest {
  @Test
  void decidesEveryGeneratedSeriesAsTheGeneratorMeantIt(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    new DatasetGenerator(new SynthOptions(60, 11, 16, 2, 2)).generate(data,
        DatasetGenerator.Listener.NONE);
    Map<String, String> truth = new HashMap<>();
    for (Map<String, String> row : GroundTruth.read(data.resolve(GroundTruth.SERIES_FILE))) {
      truth.put(row.get("series_uid"), row.get("phase"));
    }
    Map<String, Map<String, DataSet>> studies = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(data)) {
      files = walk.filter(p -> p.toString().endsWith("001.dcm")).sorted()
          .collect(Collectors.toList());
    }
    for (Path file : files) {
      DataSet ds = DataSet.read(file, ReadOptions.stopBeforePixelData());
      studies.computeIfAbsent(ds.getString(Tag.StudyInstanceUID), s -> new LinkedHashMap<>())
          .put(ds.getString(Tag.SeriesInstanceUID), ds);
    }
    PhaseRules rules = PhaseRules.builtIn();
    Map<String, Integer> sources = new HashMap<>();
    int decided = 0;
    for (Map<String, DataSet> study : studies.values()) {
      List<PhaseRules.SeriesFacts> facts = new ArrayList<>();
      for (DataSet ds : study.values()) {
        facts.add(new PhaseRules.SeriesFacts(ds.getString(Tag.Modality),
            ds.getString(Tag.SeriesDescription), ds.getString(Tag.ContrastBolusAgent),
            ds.getText(Tag.ImageComments), ds.getTime(Tag.AcquisitionTime)));
      }
      List<PhaseRules.Decision> decisions = rules.decide(facts);
      List<String> uids = new ArrayList<>(study.keySet());
      for (int i = 0; i < uids.size(); i++) {
        String expected = truth.get(uids.get(i));
        PhaseRules.Decision decision = decisions.get(i);
        if (expected == null) {
          assertThat(decision.phase()).as("structure set series").isNull();
          continue;
        }
        assertThat(decision.phase()).as(study.get(uids.get(i)).getString(Tag.SeriesDescription))
            .isEqualTo(Phase.valueOf(expected));
        sources.merge(decision.source().replaceAll(":.*", ""), 1, Integer::sum);
        decided++;
      }
    }
    assertThat(decided).isEqualTo(truth.size());
    assertThat(sources).containsKeys("description", PhaseRules.NO_CONTRAST,
        PhaseRules.ACQUISITION_ORDER);
  }
}
