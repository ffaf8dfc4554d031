package dicomsql.connector.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.index.DicomIndex;
import dicomsql.engine.index.IndexOptions;
import dicomsql.engine.index.IndexTable;
import dicomsql.engine.index.Tables;
import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoiCatalogTest {
  @TempDir
  Path tmp;

  @Test
  void readsAStructureSetsContoursOncePerConnection() throws Exception {
    Path data = tmp.resolve("data");
    new DatasetGenerator(new SynthOptions(1, 2, 32, 8, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    try (DicomIndex index = DicomIndex.open(data,
        IndexOptions.defaults().withFolder(tmp.resolve("index")))) {
      IndexTable rois = index.table(Tables.ROIS.name());
      Object[] first = rois.row(rois.all().first());
      String rtss = (String) first[Tables.ROIS.indexOf("rtss_uid")];
      RoiCatalog catalog = new RoiCatalog(index, new RasterCaches(1 << 20).contours);
      RoiCatalog.Roi roi = catalog.roi(rtss, (Integer) first[Tables.ROIS.indexOf("roi_number")]);
      assertThat(catalog.contours(roi)).isNotEmpty().isSameAs(catalog.contours(roi));
    }
  }
}
