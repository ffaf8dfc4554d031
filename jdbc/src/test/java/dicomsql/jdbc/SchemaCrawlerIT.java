package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.ColumnReference;
import schemacrawler.schema.ForeignKey;
import schemacrawler.schema.Table;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * The schema as a metadata crawler nobody here wrote reads it (SchemaCrawler, as DBeaver-like
 * tools do): the contract's tables, columns, primary keys and relations.
 */
class SchemaCrawlerIT {
  @TempDir
  Path tmp;

  @Test
  void schemaCrawlerSeesTheContractsTablesKeysAndRelations() throws Exception {
    Catalog catalog;
    try (Connection connection = SmallDataset.connect(tmp)) {
      SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
          .withLimitOptions(LimitOptionsBuilder.builder()
              .includeSchemas(Pattern.compile("dicom")).toOptions())
          // SchemaCrawler's default threading: its loader calls this one connection's
          // metadata from several threads at once (ConcurrentMetadataTest).
          .withLoadOptions(LoadOptionsBuilder.builder()
              .withSchemaInfoLevel(SchemaInfoLevelBuilder.standard()).toOptions());
      catalog = SchemaCrawlerUtility.getCatalog(
          DatabaseConnectionSources.fromConnection(connection), options);
    }
    Map<String, Table> tables = new TreeMap<>();
    for (Table table : catalog.getTables()) {
      tables.put(table.getName(), table);
    }
    assertThat(tables).containsKeys("patients", "studies", "series", "instances",
        "structure_sets", "rois", "contours", "contour_points", "scan_errors", "attributes");
    Table rois = tables.get("rois");
    assertThat(rois.getColumns()).extracting(Column::getName)
        .contains("rtss_uid", "roi_number", "roi_name", "referenced_series_uid");
    assertThat(rois.getPrimaryKey().getConstrainedColumns()).extracting(Column::getName)
        .containsExactly("rtss_uid", "roi_number");
    assertThat(rois.lookupColumn("rtss_uid").orElseThrow().isNullable()).isFalse();
    assertThat(rois.lookupColumn("roi_name").orElseThrow().isNullable()).isTrue();
    assertThat(references(rois)).containsExactlyInAnyOrder(
        "rois.rtss_uid -> structure_sets.rtss_uid",
        "rois.referenced_series_uid -> series.series_uid");
    assertThat(references(tables.get("contour_points"))).containsExactlyInAnyOrder(
        "contour_points.rtss_uid -> contours.rtss_uid",
        "contour_points.roi_number -> contours.roi_number",
        "contour_points.contour_index -> contours.contour_index");
    assertThat(references(tables.get("series")))
        .containsExactly("series.study_uid -> studies.study_uid");
  }

  /** The columns a table refers to others by, as {@code table.column -> table.column}. */
  private static List<String> references(Table table) {
    return table.getImportedForeignKeys().stream()
        .flatMap(key -> ((ForeignKey) key).getColumnReferences().stream())
        .map(SchemaCrawlerIT::reference).toList();
  }

  private static String reference(ColumnReference reference) {
    Column from = reference.getForeignKeyColumn();
    Column to = reference.getPrimaryKeyColumn();
    return from.getParent().getName() + "." + from.getName() + " -> "
        + to.getParent().getName() + "." + to.getName();
  }
}
