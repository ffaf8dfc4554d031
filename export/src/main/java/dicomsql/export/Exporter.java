package dicomsql.export;

import dicomsql.engine.phase.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Exports what a query selects as a training set: runs the query on a JDBC connection to the
 * data folder, resolves every row through the same connection, then decodes, resamples, paints
 * and writes the cases on several threads, and writes the manifest last.
 */
public final class Exporter {
  /** The output layouts. */
  public enum Format {
    NIFTI, NNUNET
  }

  /** Which grid the files of a case are on (nnU-Net's are always on the annotated one). */
  public enum Grid {
    /** Each series' own. */
    OWN,
    /** The grid of the series the case's first row names. */
    ANNOTATED
  }

  /** What an export wrote. */
  public record Summary(int cases, long files, long problems, Path manifest) {}

  private final Connection connection;
  private final Path dataRoot;
  private final int threads;
  private final ExportListener listener;

  /**
   * @param connection a {@code jdbc:dicom:} connection to {@code dataRoot}
   * @param threads cases written at once
   */
  public Exporter(Connection connection, Path dataRoot, int threads, ExportListener listener) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    this.connection = connection;
    this.dataRoot = dataRoot.toAbsolutePath().normalize();
    this.threads = threads;
    this.listener = listener;
  }

  /**
   * Exports into {@code out}, which must be absent or empty and outside the data folder.
   *
   * @param channels the phases that are nnU-Net's channels, in channel order (nnU-Net only)
   */
  public Summary export(String sql, Format format, List<Phase> channels, Path out)
      throws SQLException, IOException {
    return export(sql, format, channels, Grid.OWN, null, out);
  }

  /**
   * Exports as {@link #export(String, Format, List, Path)} does, on another grid: images
   * resampled trilinearly, labels rasterized on the series' grid (the annotated one's when
   * {@code grid} is {@link Grid#ANNOTATED}) and taken from there by nearest neighbour.
   *
   * @param spacing null: keep the grid's spacing
   */
  public Summary export(String sql, Format format, List<Phase> channels, Grid grid,
      GridSpacing spacing, Path out) throws SQLException, IOException {
    Path target = out.toAbsolutePath().normalize();
    if (target.startsWith(dataRoot)) {
      throw new IllegalArgumentException("the output folder " + out + " is inside the data"
          + " folder, which is only ever read");
    }
    if (Files.isDirectory(target)) {
      try (Stream<Path> entries = Files.list(target)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException("the output folder " + out + " is not empty");
        }
      }
    } else if (Files.exists(target)) {
      throw new IllegalArgumentException(out + " is a file, not a folder");
    }
    if (format == Format.NNUNET && channels.isEmpty()) {
      throw new IllegalArgumentException("an nnU-Net export needs at least one phase");
    }
    List<ExportRow> rows;
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      rows = ExportRow.read(result);
    }
    ExportLayout layout = format == Format.NIFTI
        ? new NiftiLayout(grid == Grid.ANNOTATED, spacing)
        : new NnunetLayout(channels, spacing);
    ExportSources sources = new ExportSources(new ExportCatalog(connection, dataRoot));
    List<ManifestRow> unnamed = new ArrayList<>();
    List<CaseJob> jobs = new ArrayList<>();
    for (Map.Entry<String, List<ExportRow>> entry : cases(rows, sources, unnamed).entrySet()) {
      jobs.add(layout.plan(entry.getKey(), entry.getValue(), sources));
    }
    listener.planned(jobs.stream().mapToLong(CaseJob::fileCount).sum());
    Files.createDirectories(target);
    List<ManifestRow> manifest = new ArrayList<>(unnamed);
    int written = 0;
    for (CaseWriter.Written caseRows : write(jobs, target)) {
      manifest.addAll(caseRows.rows());
      written += caseRows.exported() ? 1 : 0;
    }
    layout.finish(target, rows, written);
    Path manifestFile = target.resolve(Manifest.FILE);
    Manifest.write(manifestFile, manifest);
    return new Summary(written, manifest.stream().filter(r -> r.file() != null).count(),
        manifest.stream().filter(r -> !r.problems().isEmpty()).count(), manifestFile);
  }

  /**
   * The rows by case, in query order: the row's case_id, else the series' patient. Case names
   * become file names, so characters other than letters, digits, '.', '-' and '_' become '_'.
   */
  private static Map<String, List<ExportRow>> cases(List<ExportRow> rows, ExportSources sources,
      List<ManifestRow> unnamed) throws SQLException {
    Map<String, List<ExportRow>> cases = new LinkedHashMap<>();
    Map<String, String> namedFrom = new HashMap<>();
    for (ExportRow row : rows) {
      if (row.seriesUid() == null) {
        unnamed.add(ManifestRow.leftOut("image", row.caseId(), null, row.rtssUid(),
            row.roiNumber() == null ? List.of() : List.of(row.roiNumber()),
            "row " + row.number() + " has no series_uid"));
        continue;
      }
      String id = row.caseId();
      if (id == null) {
        ExportSources.Resolved resolved = sources.grid(row.seriesUid());
        id = resolved.series() == null ? row.seriesUid() : resolved.series().patientId();
      }
      String name = id == null ? row.seriesUid() : id.replaceAll("[^A-Za-z0-9._-]", "_");
      String earlier = namedFrom.putIfAbsent(name, id);
      if (earlier != null && !earlier.equals(id)) {
        throw new IllegalArgumentException("the cases '" + earlier + "' and '" + id
            + "' would both be written as " + name);
      }
      cases.computeIfAbsent(name, n -> new ArrayList<>()).add(row);
    }
    return cases;
  }

  /** Writes the cases on the threads; their manifest rows in case order. */
  private List<CaseWriter.Written> write(List<CaseJob> jobs, Path out) throws IOException {
    CaseWriter writer = new CaseWriter(dataRoot, out, listener);
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "dicomsql-export");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<CaseWriter.Written>> futures = new ArrayList<>();
      for (CaseJob job : jobs) {
        futures.add(pool.submit(() -> writer.write(job)));
      }
      List<CaseWriter.Written> rows = new ArrayList<>();
      for (Future<CaseWriter.Written> future : futures) {
        rows.add(future.get());
      }
      return rows;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("the export was interrupted", e);
    } catch (ExecutionException e) {
      // CaseWriter turns every failure of a file into a manifest row; this is a bug of ours.
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
