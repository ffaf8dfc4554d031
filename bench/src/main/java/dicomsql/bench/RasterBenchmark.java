package dicomsql.bench;

import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.PlanarContour;
import dicomsql.engine.raster.RoiMasks;
import dicomsql.engine.raster.RoiRasterizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Rasterizing the structure (100 slices of 512², 256-vertex outlines of radius 40 to
 * 120 pixels) on one thread, then the same through SQL from a cold index, side by side with
 * {@code plastimatch convert --output-ss-img} on the same files; the voxels on which the two
 * disagree are measured by how far their centres lie from the outline.
 */
final class RasterBenchmark {
  private final int slices;
  private final int matrix;
  private final int runs;
  private final Path root;
  private final Path work;
  private final List<String> lesionData;

  RasterBenchmark(BenchOptions options) {
    this.slices = options.integer("slices", 100);
    this.matrix = options.integer("matrix", 512);
    this.runs = options.integer("runs", 30);
    this.work = options.root();
    this.root = work.resolve("raster-" + slices + "-" + matrix);
    String data = options.text("data", "");
    this.lesionData = data.isEmpty() ? List.of() : List.of(data.split(","));
  }

  /**
   * With {@code --data DIR[,DIR...]} (datasets from {@code ./dicomsql generate}): decoding one
   * of their slices, then the lesion-enhancement table against the pydicom script on each.
   */
  private void compareWithPydicom() throws Exception {
    Path repo = BenchData.repo();
    Path first = Path.of(lesionData.get(0));
    new DecodeBenchmark(work.resolve("decode")).run(BenchData.ctFiles(first).get(0));
    System.out.println();
    System.out.println("| dataset | dicomsql (lesion-enhancement.sql, whole process) | "
        + "pydicom script | ratio | means |");
    System.out.println("|---|---:|---:|---:|---|");
    LesionEnhancementBenchmark comparison =
        new LesionEnhancementBenchmark(repo, work.resolve("lesions"));
    for (String data : lesionData) {
      comparison.run(Path.of(data).toAbsolutePath());
    }
  }

  void run() throws Exception {
    if (!lesionData.isEmpty()) {
      compareWithPydicom();
      return;
    }
    RasterBenchData data = new RasterBenchData(root.resolve("data"), slices, matrix);
    data.write();
    ImageStack stack = ImageStack.of(data.planes);
    RoiMasks masks = null;
    double[] times = new double[runs];
    for (int warm = 0; warm < 10; warm++) {
      RoiRasterizer.rasterize(data.contours, stack);
    }
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      masks = RoiRasterizer.rasterize(data.contours, stack);
      times[r] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(times);
    System.out.printf(Locale.ROOT, "structure: %d slices of %d x %d, %d-vertex outlines, "
        + "%,d voxels%n%n", slices, matrix, matrix, RasterBenchData.VERTICES,
        masks.voxelCount());
    System.out.println("| what | ms (median) | ms (best) |");
    System.out.println("|---|---:|---:|");
    System.out.printf(Locale.ROOT, "| dicomsql: rasterize the ROI (1 thread, %d runs) | %.2f | "
        + "%.2f |%n", runs, times[runs / 2], times[0]);
    double[] sql = sqlTimes(data);
    System.out.printf(Locale.ROOT, "| dicomsql: roi_voxel_count via JDBC, cold (index build of "
        + "%d files + parse + rasterize) | %.0f | |%n", slices + 1, sql[0]);
    System.out.printf(Locale.ROOT, "| dicomsql: roi_voxel_count via JDBC, new connection on "
        + "the index | %.0f | |%n", sql[1]);
    System.out.printf(Locale.ROOT, "| dicomsql: roi_hu_mean via JDBC, new connection (decodes "
        + "the %d slices) | %.0f | |%n", slices, sql[2]);
    if (!onPath("plastimatch")) {
      System.out.println("\nplastimatch is not installed (apt-get install -y plastimatch): "
          + "no comparison.");
      return;
    }
    Path output = root.resolve("plastimatch-ss.mha");
    double[] plastimatch = new double[3];
    for (int r = 0; r < plastimatch.length; r++) {
      plastimatch[r] = plastimatch(data, output);
    }
    Arrays.sort(plastimatch);
    System.out.printf(Locale.ROOT, "| plastimatch convert --output-ss-img (reads the CT and "
        + "RTSS, writes the image) | %.0f | %.0f |%n", plastimatch[1], plastimatch[0]);
    System.out.println();
    compare(RasterBenchData.ROI_NAME, data.contours, stack, masks,
        MetaImageMask.read(output, 0));
    compare(RasterBenchData.RING_NAME, data.ringContours, stack,
        RoiRasterizer.rasterize(data.ringContours, stack), MetaImageMask.read(output, 1));
  }

  /**
   * Milliseconds of the voxel count from a cold index, then on a new connection, then of the
   * mean HU on another new connection (every slice the ROI touches decoded).
   */
  private double[] sqlTimes(RasterBenchData data) throws IOException, SQLException {
    Path index = root.resolve("index");
    BenchData.deleteTree(index);
    String url = "jdbc:dicom:" + data.rtss.getParent().getParent() + ";index=" + index;
    String count = "SELECT roi_voxel_count(rtss_uid, roi_number) FROM rois WHERE roi_number = 1";
    String hu = "SELECT roi_hu_mean(rtss_uid, roi_number, referenced_series_uid) FROM rois "
        + "WHERE roi_number = 1";
    String[] queries = {count, count, hu};
    double[] times = new double[queries.length];
    for (int r = 0; r < queries.length; r++) {
      long start = System.nanoTime();
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(queries[r])) {
        rows.next();
        rows.getDouble(1);
      }
      times[r] = (System.nanoTime() - start) / 1e6;
    }
    return times;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static double plastimatch(RasterBenchData data, Path output)
      throws IOException, InterruptedException {
    Files.deleteIfExists(output);
    ProcessBuilder builder = new ProcessBuilder("plastimatch", "convert", "--input",
        data.rtss.toString(), "--referenced-ct", data.ct.toString(), "--output-ss-img",
        output.toString());
    builder.redirectErrorStream(true);
    builder.redirectOutput(output.resolveSibling("plastimatch.log").toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException("plastimatch failed; see " + output.resolveSibling("plastimatch.log"));
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /**
   * Voxel counts of both, and where they differ: how many voxels each has that the other has
   * not, and how far those voxels' centres lie from the outline, in pixels.
   */
  private static void compare(String name, List<PlanarContour> contours, ImageStack stack,
      RoiMasks ours, RoaringBitmap[] theirs) {
    long theirCount = 0;
    long onlyOurs = 0;
    long onlyTheirs = 0;
    double farthest = 0;
    for (int s = 0; s < stack.planes().size() && s < theirs.length; s++) {
      theirCount += theirs[s].getLongCardinality();
      RoaringBitmap mine = ours.mask(s);
      RoaringBitmap differ = RoaringBitmap.xor(mine, theirs[s]);
      onlyOurs += RoaringBitmap.andNotCardinality(mine, theirs[s]);
      onlyTheirs += RoaringBitmap.andNotCardinality(theirs[s], mine);
      ImagePlane plane = stack.plane(s);
      List<double[]> outlines = new ArrayList<>();
      for (PlanarContour contour : contours) {
        if (stack.indexOf(contour.referencedSopUid()) == s) {
          outlines.add(plane.toPixels(contour.points()));
        }
      }
      for (IntIterator pixel = differ.getIntIterator(); pixel.hasNext(); ) {
        int p = pixel.next();
        farthest = Math.max(farthest, distanceToOutline(outlines, p % plane.columns(),
            p / plane.columns()));
      }
    }
    System.out.printf(Locale.ROOT, "%s: dicomsql %,d voxels, plastimatch %,d (difference %+,d, "
        + "%+.3f%%); only dicomsql has %,d, only plastimatch %,d; the centres of those lie at "
        + "most %.3f px from an outline%n", name, ours.voxelCount(), theirCount,
        theirCount - ours.voxelCount(),
        100.0 * (theirCount - ours.voxelCount()) / ours.voxelCount(), onlyOurs, onlyTheirs,
        farthest);
  }

  /** The distance from a point to the nearest edge of closed polygons (column, row pairs). */
  private static double distanceToOutline(List<double[]> polygons, double x, double y) {
    double best = Double.POSITIVE_INFINITY;
    for (double[] polygon : polygons) {
      best = Math.min(best, distanceToOutline(polygon, x, y));
    }
    return best;
  }

  private static double distanceToOutline(double[] polygon, double x, double y) {
    double best = Double.POSITIVE_INFINITY;
    int n = polygon.length / 2;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double ax = polygon[2 * j];
      double ay = polygon[2 * j + 1];
      double dx = polygon[2 * i] - ax;
      double dy = polygon[2 * i + 1] - ay;
      double length2 = dx * dx + dy * dy;
      double t = length2 == 0 ? 0
          : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length2));
      best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
    }
    return best;
  }
}
