package dicomsql.engine.index;

import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.ImagePlanes;
import java.util.Objects;

/**
 * Reads instance rows for their image planes, as a series' stack is built: only the columns a
 * plane needs (and the SOP Class UID, which tells an enhanced multi-frame image) are decoded,
 * and an orientation text equal to the previous row's, as it is throughout a series, is not
 * parsed again. Not thread-safe: one per stack being built.
 */
public final class InstancePlanes {
  private static final TableDefinition I = Tables.INSTANCES;
  public static final int SOP_CLASS_UID = I.indexOf("sop_class_uid");
  public static final int SOP_UID = I.indexOf("sop_uid");
  public static final int PATH = I.indexOf("path");
  private static final boolean[] WANTED = wanted();
  private static final int WIDTH = Math.max(RasterRows.PLANE_WIDTH, SOP_CLASS_UID + 1);

  private final IndexTable instances;
  private String orientation;
  private double[] cosines;

  public InstancePlanes(IndexTable instances) {
    this.instances = instances;
  }

  /** The instance row with only the plane's columns, the SOP Class UID and path decoded. */
  public Object[] row(int id) {
    return instances.row(id, WANTED, WIDTH);
  }

  /** The plane of a row that {@link #row} read, or null when it lacks any part of it. */
  public ImagePlane plane(Object[] row) {
    String text = RasterRows.orientation(row);
    if (!Objects.equals(text, orientation)) {
      orientation = text;
      cosines = ImagePlanes.multiValued(text, 6);
    }
    // The plane copies the numbers into its own vectors, so the next row may share them.
    return RasterRows.plane(row, cosines);
  }

  private static boolean[] wanted() {
    boolean[] wanted = new boolean[I.columns().size()];
    RasterRows.markPlaneColumns(wanted);
    wanted[SOP_CLASS_UID] = true;
    wanted[SOP_UID] = true;
    wanted[PATH] = true;
    return wanted;
  }
}
