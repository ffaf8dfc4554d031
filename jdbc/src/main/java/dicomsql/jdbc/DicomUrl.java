package dicomsql.jdbc;

import dicomsql.engine.index.IndexOptions;
import dicomsql.engine.index.IndexProgress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * A {@code jdbc:dicom:} URL taken apart: {@code jdbc:dicom:/path/to/data;index=DIR;
 * refresh=auto|never;phaseRules=FILE}. The same properties may come in the connection's
 * {@code Properties}; the URL's win.
 */
record DicomUrl(Path dataRoot, Path index, IndexOptions.Refresh refresh, Path phaseRules,
    IndexProgress progress) {
  static final String PREFIX = "jdbc:dicom:";
  private static final Set<String> PROPERTIES = Set.of("index", "refresh", "phaseRules");

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
        throw new SQLException("unknown URL property '" + parts[i] + "': expected index=DIR, "
            + "refresh=auto|never or phaseRules=FILE", "08001");
      }
      merged.setProperty(name, parts[i].substring(equals + 1).strip());
    }
    Object progress = info == null ? null : info.get(DicomDriver.PROGRESS);
    return new DicomUrl(Path.of(parts[0].strip()), path(merged.getProperty("index")),
        refresh(merged.getProperty("refresh")), path(merged.getProperty("phaseRules")),
        progress instanceof IndexProgress listener ? listener : IndexProgress.NONE);
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
      default:
        throw new SQLException("refresh must be auto or never, not '" + text + "'", "08001");
    }
  }

  IndexOptions indexOptions() {
    return IndexOptions.defaults().withFolder(index).withRefresh(refresh)
        .withPhaseRules(phaseRules).withProgress(progress);
  }
}
