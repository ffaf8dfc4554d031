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
    try (DicomIndex index = index(tmp)) {
      IndexTable rois = index.table(Tables.ROIS.name());
      Object[] first = rois.row(rois.all().first());
      String rtss = (String) first[Tables.ROIS.indexOf("rtss_uid")];
      RoiCatalog catalog = new RoiCatalog(index, new RasterCaches(1 << 20));
      RoiCatalog.Roi roi = catalog.roi(rtss, (Integer) first[Tables.ROIS.indexOf("roi_number")]);
      assertThat(catalog.contours(roi)).isNotEmpty().isSameAs(catalog.contours(roi));
    }
  }

  /**
   * A series' stack is kept in the caches the catalogs (one per connection) are given: two
   * connections with the same caches build it once, and it counts against their budget.
   */
  @Test
  void keepsStacksWithinTheSharedBudget() throws Exception {
    try (DicomIndex index = index(tmp)) {
      IndexTable series = index.table(Tables.SERIES.name());
      String uid = null;
      for (int id : series.all().toArray()) {
        Object[] row = series.row(id);
        if ("CT".equals(row[Tables.SERIES.indexOf("modality")])) {
          uid = (String) row[Tables.SERIES.indexOf("series_uid")];
        }
      }
      RasterCaches shared = new RasterCaches(1 << 20);
      RoiCatalog one = new RoiCatalog(index, shared);
      RoiCatalog other = new RoiCatalog(index, shared);
      assertThat(one.stack(uid)).isNotNull().isSameAs(other.stack(uid));
      // 8 planes of about 500 bytes each.
      assertThat(shared.stacks.heldBytes()).isBetween(8 * 400L, 8 * 1000L);
      assertThat(shared.heldBytes()).isEqualTo(shared.stacks.heldBytes());
    }
  }

  private static DicomIndex index(Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    new DatasetGenerator(new SynthOptions(1, 2, 32, 8, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    return DicomIndex.open(data, IndexOptions.defaults().withFolder(tmp.resolve("index")));
  }
}
