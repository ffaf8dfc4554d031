package dicomsql.engine.synth;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomWriter;
import dicomsql.engine.dicom.TransferSyntax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Writes a synthetic dataset shaped like the HCC release: per case a folder with one CT series
 * per contrast phase and an RT Structure Set, plus the ground truth files. Cases are written in
 * parallel; the same options give byte-identical files.
 */
public final class DatasetGenerator {
  /** DCMTK 3.6.4's identity, which the release's files carry in their file meta group. */
  static final String DCMTK_CLASS_UID = "1.2.276.0.7230010.3.0.3.6.4";
  static final String DCMTK_VERSION_NAME = "OFFIS_DCMTK_364";

  /** Told about progress, from the writing threads. */
  public interface Listener {
    /** Once, before writing: how many files there will be. */
    void started(long totalFiles);

    /** After each file. */
    void wrote(long bytes);

    /** Hears nothing. */
    Listener NONE = new Listener() {
      @Override
      public void started(long totalFiles) {}

      @Override
      public void wrote(long bytes) {}
    };
  }

  /** What was written. */
  public record Summary(int cases, long files, long bytes, long lesions) {}

  private final SynthOptions options;
  private final CasePlanner planner;
  private final DicomWriter writer =
      new DicomWriter().implementation(DCMTK_CLASS_UID, DCMTK_VERSION_NAME);

  public DatasetGenerator(SynthOptions options) {
    this.options = options;
    this.planner = new CasePlanner(options);
  }

  /** Generates into {@code out}, which must be absent or empty. */
  public Summary generate(Path out, Listener listener) throws IOException {
    requireEmpty(out);
    Files.createDirectories(out);
    List<CasePlan> plans = new ArrayList<>();
    long files = 0;
    long lesions = 0;
    for (int caseNumber = 1; caseNumber <= options.patients(); caseNumber++) {
      CasePlan plan = planner.plan(caseNumber);
      plans.add(plan);
      files += 1;
      lesions += plan.lesions().size();
      for (SeriesPlan series : plan.series()) {
        files += series.sliceCount();
      }
    }
    listener.started(files);
    GroundTruth truth = new GroundTruth();
    long bytes = 0;
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), runnable -> {
      Thread thread = new Thread(runnable, "dicomsql-generate");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<CaseResult>> results = new ArrayList<>();
      for (CasePlan plan : plans) {
        results.add(pool.submit(() -> writeCase(out, plan, listener)));
      }
      for (Future<CaseResult> result : results) {
        CaseResult done = result.get();
        truth.add(done.plan(), done.contours(), done.measures());
        bytes += done.bytes();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("generation interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("generating failed", cause);
    } finally {
      pool.shutdownNow();
    }
    truth.write(out);
    return new Summary(plans.size(), files, bytes, lesions);
  }

  private record CaseResult(CasePlan plan, List<List<Contour>> contours,
      PointInPolygonTruth.Measure[][] measures, long bytes) {}

  private CaseResult writeCase(Path out, CasePlan plan, Listener listener) throws IOException {
    AbdomenPhantom phantom = new AbdomenPhantom(plan,
        planner.identifiers().hash("noise", plan.caseNumber()));
    Path caseFolder = out.resolve(plan.folder());
    long bytes = 0;
    for (SeriesPlan series : plan.series()) {
      Path folder = Files.createDirectories(caseFolder.resolve(
          Integer.toString(series.seriesNumber())));
      for (int slice = 0; slice < series.sliceCount(); slice++) {
        DataSet image = CtImageBuilder.build(plan, series, slice, phantom.slice(series, slice));
        bytes += write(folder.resolve(String.format("%03d.dcm", slice + 1)), image, listener);
      }
    }
    SeriesPlan annotated = plan.annotatedSeries();
    List<List<Contour>> contours = new ArrayList<>();
    for (LesionPlan lesion : plan.lesions()) {
      contours.add(LesionContours.outline(lesion, annotated, plan.pixelSpacing()));
    }
    Path rtssFolder = Files.createDirectories(caseFolder.resolve(
        Integer.toString(StructureSetBuilder.SERIES_NUMBER)));
    bytes += write(rtssFolder.resolve("001.dcm"), StructureSetBuilder.build(plan, contours),
        listener);
    PointInPolygonTruth.Measure[][] measures =
        new PointInPolygonTruth.Measure[plan.lesions().size()][];
    for (int i = 0; i < measures.length; i++) {
      measures[i] = new PointInPolygonTruth.Measure[4];
      for (SeriesPlan series : plan.series()) {
        measures[i][series.phase().ordinal()] =
            PointInPolygonTruth.measure(contours.get(i), series, plan, phantom);
      }
    }
    return new CaseResult(plan, contours, measures, bytes);
  }

  private long write(Path file, DataSet dataSet, Listener listener) throws IOException {
    byte[] bytes = writer.toBytes(dataSet, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    Files.write(file, bytes);
    listener.wrote(bytes.length);
    return bytes.length;
  }

  private static void requireEmpty(Path out) throws IOException {
    if (!Files.exists(out)) {
      return;
    }
    if (!Files.isDirectory(out)) {
      throw new IOException(out + " exists and is not a folder");
    }
    try (Stream<Path> entries = Files.list(out)) {
      if (entries.findAny().isPresent()) {
        throw new IOException(out + " is not empty; generate into a new or empty folder");
      }
    }
  }
}
