package dicomsql.connector.functions;

import dicomsql.engine.features.BinaryVolume;
import dicomsql.engine.features.FirstOrderFeatures;
import dicomsql.engine.features.RoiVolumes;
import dicomsql.engine.features.ShapeFeatures;
import dicomsql.engine.raster.RoiMasks;
import dicomsql.engine.raster.RoiSampler;
import java.io.IOException;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Parameter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * What {@code roi_shape(rtss_uid, roi_number, series_uid)} and
 * {@code roi_first_order(rtss_uid, roi_number, series_uid[, bin_width])} return: one row of
 * IBSI 1 features
 * of the ROI rasterized on the series (null series: its referenced one), as {@code roi_mask}
 * rasterizes it; no row when the ROI does not apply to the series or covers no voxel.
 */
public final class RoiFeaturesTable extends AbstractTable implements ScannableTable {
  private enum Kind {
    SHAPE(ShapeFeatures.NAMES), FIRST_ORDER(FirstOrderFeatures.NAMES);

    final List<String> names;

    Kind(List<String> names) {
      this.names = names;
    }
  }

  private final Kind kind;
  private final String rtssUid;
  private final Integer roiNumber;
  private final String seriesUid;
  private final double binWidth;

  private RoiFeaturesTable(Kind kind, String rtssUid, Integer roiNumber, String seriesUid,
      double binWidth) {
    this.kind = kind;
    this.rtssUid = rtssUid;
    this.roiNumber = roiNumber;
    this.seriesUid = seriesUid;
    this.binWidth = binWidth;
  }

  /** The table function {@code roi_shape}. */
  public static ScannableTable roiShape(String rtssUid, Integer roiNumber, String seriesUid) {
    return new RoiFeaturesTable(Kind.SHAPE, rtssUid, roiNumber, seriesUid, Double.NaN);
  }

  /**
   * The table function {@code roi_first_order}; the histogram's bin width defaults to
   * {@link FirstOrderFeatures#BIN_WIDTH}.
   */
  public static ScannableTable roiFirstOrder(@Parameter(name = "rtss_uid") String rtssUid,
      @Parameter(name = "roi_number") Integer roiNumber,
      @Parameter(name = "series_uid") String seriesUid,
      @Parameter(name = "bin_width", optional = true) Double binWidth) {
    return new RoiFeaturesTable(Kind.FIRST_ORDER, rtssUid, roiNumber, seriesUid,
        binWidth == null ? FirstOrderFeatures.BIN_WIDTH : binWidth);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (String name : kind.names) {
      builder.add(name, name.equals("voxel_count") ? SqlTypeName.BIGINT : SqlTypeName.DOUBLE)
          .nullable(true);
    }
    return builder.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    if (kind == Kind.FIRST_ORDER && !(binWidth > 0 && binWidth < Double.POSITIVE_INFINITY)) {
      // checked here: an exception thrown while Calcite plans the call loses its message
      throw new IllegalArgumentException("roi_first_order: bin_width must be a positive number,"
          + " not " + binWidth);
    }
    if (rtssUid == null || roiNumber == null) {
      return Linq4j.emptyEnumerable();
    }
    RoiMeasurements measurements = RasterFunctions.measurements(root);
    RoiMasks masks = measurements.masks(rtssUid, roiNumber, seriesUid);
    Object[] row = masks == null ? null : switch (kind) {
      case SHAPE -> shape(masks);
      case FIRST_ORDER -> firstOrder(masks, measurements, binWidth);
    };
    return row == null ? Linq4j.emptyEnumerable() : Linq4j.singletonEnumerable(row);
  }

  private static Object[] shape(RoiMasks masks) {
    BinaryVolume volume = RoiVolumes.of(masks);
    ShapeFeatures features = volume == null ? null : ShapeFeatures.of(volume);
    return features == null ? null : finite(features.values());
  }

  private static Object[] firstOrder(RoiMasks masks, RoiMeasurements measurements,
      double binWidth) {
    try {
      FirstOrderFeatures features = FirstOrderFeatures.of(
          RoiSampler.sample(masks, measurements.slices()), binWidth);
      return features == null ? null : finite(features.values());
    } catch (IOException e) {
      throw new IllegalArgumentException("roi_first_order: " + e.getMessage(), e);
    }
  }

  /** NaN and infinities become null, as in the scalar functions. */
  private static Object[] finite(Object[] values) {
    for (int v = 0; v < values.length; v++) {
      if (values[v] instanceof Double d && !Double.isFinite(d)) {
        values[v] = null;
      }
    }
    return values;
  }
}
