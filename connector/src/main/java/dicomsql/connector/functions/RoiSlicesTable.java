package dicomsql.connector.functions;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * What {@code roi_slices(rtss_uid, roi_number)} returns: the images a ROI touches on its
 * referenced series, with its pixels and area on each, and the contours that lie on none.
 */
public final class RoiSlicesTable extends AbstractTable implements ScannableTable {
  private final String rtssUid;
  private final Integer roiNumber;

  private RoiSlicesTable(String rtssUid, Integer roiNumber) {
    this.rtssUid = rtssUid;
    this.roiNumber = roiNumber;
  }

  /** The table function; called once with literal arguments (or nulls) to learn the columns. */
  public static ScannableTable roiSlices(String rtssUid, Integer roiNumber) {
    return new RoiSlicesTable(rtssUid, roiNumber);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return typeFactory.builder()
        .add("sop_uid", SqlTypeName.VARCHAR).nullable(true)
        .add("z", SqlTypeName.DOUBLE).nullable(true)
        .add("pixel_count", SqlTypeName.INTEGER).nullable(true)
        .add("area_mm2", SqlTypeName.DOUBLE).nullable(true)
        .add("contour_count", SqlTypeName.INTEGER).nullable(false)
        .add("problem", SqlTypeName.VARCHAR).nullable(true)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(RasterFunctions.slices(root, rtssUid, roiNumber));
  }
}
