package dicomsql.connector.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.JaninoRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.junit.jupiter.api.Test;

class PrecompiledMetadataHandlersTest {
  @Test
  void everyKindOfBuiltInMetadataIsAnsweredByAPrecompiledHandler() {
    PrecompiledMetadataHandlers handlers =
        PrecompiledMetadataHandlers.of(DefaultRelMetadataProvider.INSTANCE);
    for (Class<? extends MetadataHandler<?>> handlerClass
        : MetadataHandlerSources.handlerClasses()) {
      assertThat(handlers.handler(handlerClass).getClass().getName()).isEqualTo(
          PrecompiledMetadataHandlers.GENERATED_PREFIX
              + PrecompiledMetadataHandlers.simpleName(handlerClass));
    }
  }

  @Test
  void answersAsCalcitesDefaultProviderDoes() {
    RelNode oneRow = LogicalValues.createOneRow(cluster());
    RelMetadataQuery precompiled = new RelMetadataQuery(
        PrecompiledMetadataHandlers.of(DefaultRelMetadataProvider.INSTANCE));
    assertThat(precompiled.getMaxRowCount(oneRow)).isEqualTo(1.0);
    assertThat(precompiled.getRowCount(oneRow)).isEqualTo(1.0);
    assertThat(precompiled.getNonCumulativeCost(oneRow))
        .isEqualTo(RelMetadataQuery.instance().getNonCumulativeCost(oneRow));
  }

  @Test
  void aProviderWithHandlersOfItsOwnIsAnsweredByThem() {
    RelMetadataProvider ours = ChainedRelMetadataProvider.of(List.of(
        ReflectiveRelMetadataProvider.reflectiveSource(new SevenRows(),
            BuiltInMetadata.MaxRowCount.Handler.class),
        DefaultRelMetadataProvider.INSTANCE));
    PrecompiledMetadataHandlers handlers = PrecompiledMetadataHandlers.of(ours);
    RelMetadataQuery query = new RelMetadataQuery(handlers);
    RelNode oneRow = LogicalValues.createOneRow(cluster());
    assertThat(query.getMaxRowCount(oneRow)).isEqualTo(7.0)
        .isEqualTo(new RelMetadataQuery(JaninoRelMetadataProvider.of(ours))
            .getMaxRowCount(oneRow));
    assertThat(query.getRowCount(oneRow)).isEqualTo(1.0);
    assertThat(handlers.handler(BuiltInMetadata.RowCount.Handler.class).getClass().getName())
        .startsWith(PrecompiledMetadataHandlers.GENERATED_PREFIX);
  }

  @Test
  void equalProvidersShareTheirHandlers() {
    RelMetadataProvider one = ChainedRelMetadataProvider.of(
        List.of(DefaultRelMetadataProvider.INSTANCE));
    RelMetadataProvider two = ChainedRelMetadataProvider.of(
        List.of(DefaultRelMetadataProvider.INSTANCE));
    assertThat(PrecompiledMetadataHandlers.of(one)).isSameAs(PrecompiledMetadataHandlers.of(two));
  }

  private static RelOptCluster cluster() {
    return RelOptCluster.create(new VolcanoPlanner(),
        new RexBuilder(new JavaTypeFactoryImpl()));
  }

  /** A handler of a provider of our own, which a precompiled one must not hide. */
  public static final class SevenRows implements BuiltInMetadata.MaxRowCount.Handler {
    @Override
    public Double getMaxRowCount(RelNode r, RelMetadataQuery mq) {
      return 7.0;
    }

    /** As specific as Calcite's own handler of values, which comes after it. */
    public Double getMaxRowCount(Values r, RelMetadataQuery mq) {
      return 7.0;
    }

    @Override
    @SuppressWarnings("deprecation")
    public MetadataDef<BuiltInMetadata.MaxRowCount> getDef() {
      return BuiltInMetadata.MaxRowCount.DEF;
    }
  }
}
