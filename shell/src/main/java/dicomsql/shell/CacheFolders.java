package dicomsql.shell;

import java.nio.file.Path;

/** Where dicomsql keeps what it makes for a user: {@code $XDG_CACHE_HOME/dicomsql} or alike. */
final class CacheFolders {
  private CacheFolders() {}

  static Path root() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "dicomsql");
    }
    String home = System.getProperty("user.home");
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    if (os.contains("mac")) {
      return Path.of(home, "Library", "Caches", "dicomsql");
    }
    String localAppData = System.getenv("LOCALAPPDATA");
    if (os.contains("win") && localAppData != null) {
      return Path.of(localAppData, "dicomsql", "cache");
    }
    return Path.of(home, ".cache", "dicomsql");
  }
}
