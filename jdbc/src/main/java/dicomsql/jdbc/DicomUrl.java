package dicomsql.jdbc;

import dicomsql.connector.functions.RasterCaches;
import dicomsql.engine.index.IndexOptions;
import dicomsql.engine.index.IndexProgress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * A {@code jdbc:dicom:} URL taken apart: {@code jdbc:dicom:/path/to/data;index=DIR;
 * refresh=auto|never|rebuild;phaseRules=FILE;threads=N}. The same properties may come in the
 * connection's {@code Properties}; the URL's win.
 */
record DicomUrl(Path dataRoot, Path index, IndexOptions.Refresh refresh, Path phaseRules,
    Integer threads, IndexProgress progress, RasterCaches rasterCaches) {
  static final String PREFIX = "jdbc:dicom:";
  private static final Set<String> PROPERTIES =
      Set.of("index", "refresh", "phaseRules", "threads");
  private static final String EXPECTED = "expected index=DIR, refresh=auto|never|rebuild, "
      + "phaseRules=FILE or threads=N";

  static DicomUrl parse(String url, Properties info) throws SQLException {
    String rest = url.substring(PREFIX.length());
    String[] parts = rest.split(";");
    if (parts.length == 0 || parts[0].isBlank()) {
      throw new SQLException("no data folder in the URL: expected jdbc:dicom:/path/to/data, got "
          + url, "08001");
    }
    Properties merged = new Properties();
    if (info != null) {
      for (String name : PROPERTIES) {
        if (info.getProperty(name) != null) {
          merged.setProperty(name, info.getProperty(name));
        }
      }
    }
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].isBlank()) {
        continue;
      }
      int equals = parts[i].indexOf('=');
      String name = equals < 0 ? parts[i].strip() : parts[i].substring(0, equals).strip();
      if (equals < 0 || !PROPERTIES.contains(name)) {
        throw new SQLException("unknown URL property '" + parts[i] + "': " + EXPECTED,
            "08001");
      }
      merged.setProperty(name, parts[i].substring(equals + 1).strip());
    }
    Object progress = info == null ? null : info.get(DicomDriver.PROGRESS);
    Object caches = info == null ? null : info.get(DicomDriver.RASTER_CACHES);
    return new DicomUrl(Path.of(parts[0].strip()), path(merged.getProperty("index")),
        refresh(merged.getProperty("refresh")), path(merged.getProperty("phaseRules")),
        threads(merged.getProperty("threads")),
        progress instanceof IndexProgress listener ? listener : IndexProgress.NONE,
        caches instanceof RasterCaches shared ? shared
            : new RasterCaches(RasterCaches.defaultBudget()));
  }

  private static Path path(String text) {
    return text == null || text.isBlank() ? null : Path.of(text);
  }

  private static IndexOptions.Refresh refresh(String text) throws SQLException {
    if (text == null || text.isBlank()) {
      return IndexOptions.Refresh.AUTO;
    }
    switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "auto":
        return IndexOptions.Refresh.AUTO;
      case "never":
        return IndexOptions.Refresh.NEVER;
      case "rebuild":
        return IndexOptions.Refresh.REBUILD;
      default:
        throw new SQLException("refresh must be auto, never or rebuild, not '" + text + "'",
            "08001");
    }
  }

  private static Integer threads(String text) throws SQLException {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      int threads = Integer.parseInt(text.strip());
      if (threads >= 1) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // Reported below with the other wrong values.
    }
    throw new SQLException("threads must be a whole number of at least 1, not '" + text + "'",
        "08001");
  }

  IndexOptions indexOptions() {
    IndexOptions options = IndexOptions.defaults().withFolder(index).withRefresh(refresh)
        .withPhaseRules(phaseRules).withProgress(progress);
    return threads == null ? options : options.withThreads(threads);
  }
}
