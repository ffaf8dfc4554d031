package dicomsql.connector.functions;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import java.util.List;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.schema.impl.TableFunctionImpl;

/**
 * The functions of the SQL contract: how each is implemented, and its signature and meaning as
 * {@code DatabaseMetaData.getFunctions} and the shell's {@code \df} show them.
 */
public final class DicomFunctions {
  /** One function: its SQL name and signature, what it gives, and whether it is a table. */
  public record Description(String name, String signature, String meaning, boolean table) {}

  private record Entry(Description description, Function function) {}

  private static final List<Entry> ENTRIES = List.of(
      new Entry(new Description("roi_mask", "roi_mask(rtss_uid, roi_number, sop_uid) VARBINARY",
          "pixels of the image inside the ROI, as a portable RoaringBitmap of "
              + "row * columns + col", false),
          DicomFunction.of(RasterFunctions.class, "roiMask", "rtss_uid", "roi_number",
              "sop_uid")),
      new Entry(new Description("mask_count", "mask_count(mask) INTEGER",
          "pixels in a mask from roi_mask", false),
          ScalarFunctionImpl.create(RasterFunctions.class, "maskCount")),
      new Entry(new Description("roi_voxel_count", "roi_voxel_count(rtss_uid, roi_number) BIGINT",
          "voxels of the ROI on its referenced series", false),
          DicomFunction.of(RasterFunctions.class, "roiVoxelCount", "rtss_uid", "roi_number")),
      new Entry(new Description("roi_volume_cc", "roi_volume_cc(rtss_uid, roi_number) DOUBLE",
          "voxels x pixel area x slice spacing / 1000, on the referenced series", false),
          DicomFunction.of(RasterFunctions.class, "roiVolumeCc", "rtss_uid", "roi_number")),
      new Entry(new Description("roi_hu_mean",
          "roi_hu_mean(rtss_uid, roi_number, series_uid) DOUBLE",
          "mean HU inside the ROI on any series of its frame of reference", false),
          DicomFunction.of(RasterFunctions.class, "roiHuMean", "rtss_uid", "roi_number",
              "series_uid")),
      new Entry(new Description("roi_hu_stat",
          "roi_hu_stat(rtss_uid, roi_number, series_uid, stat) DOUBLE",
          "mean, std, min, max, median, p10 or p90 of the HU inside the ROI", false),
          DicomFunction.of(RasterFunctions.class, "roiHuStat", "rtss_uid", "roi_number",
              "series_uid", "stat")),
      new Entry(new Description("roi_png", "roi_png(rtss_uid, roi_number, sop_uid) VARBINARY",
          "PNG of the image in its window with the ROI outline in the ROI colour", false),
          DicomFunction.of(RasterFunctions.class, "roiPng", "rtss_uid", "roi_number",
              "sop_uid")),
      new Entry(new Description("roi_slices", "roi_slices(rtss_uid, roi_number) TABLE(sop_uid, "
          + "z, pixel_count, area_mm2, contour_count, problem)",
          "the images the ROI touches, and contours that lie on none", true),
          TableFunctionImpl.create(RoiSlicesTable.class, "roiSlices")),
      new Entry(new Description("roi_shape", "roi_shape(rtss_uid, roi_number, series_uid) "
          + "TABLE(voxel_count, volume_mesh_mm3, ..., flatness)",
          "IBSI 1 morphological features of the ROI on the series", true),
          TableFunctionImpl.create(RoiFeaturesTable.class, "roiShape")),
      new Entry(new Description("roi_first_order", "roi_first_order(rtss_uid, roi_number, "
          + "series_uid[, bin_width]) TABLE(voxel_count, mean, variance, ..., entropy, "
          + "uniformity)",
          "IBSI 1 intensity statistics and histogram features of the ROI on the series", true),
          TableFunctionImpl.create(RoiFeaturesTable.class, "roiFirstOrder")));

  private DicomFunctions() {}

  public static List<Description> descriptions() {
    return ENTRIES.stream().map(Entry::description).toList();
  }

  /** The functions by SQL name, for the schema. */
  public static Multimap<String, Function> byName() {
    ImmutableMultimap.Builder<String, Function> functions = ImmutableMultimap.builder();
    for (Entry entry : ENTRIES) {
      functions.put(entry.description().name(), entry.function());
    }
    return functions.build();
  }
}
