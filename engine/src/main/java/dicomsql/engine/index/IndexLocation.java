package dicomsql.engine.index;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Where dicomsql keeps what it makes for a user, outside any data root: the per-user cache
 * folder ({@code $XDG_CACHE_HOME/dicomsql}, {@code ~/.cache/dicomsql}, or the platform's
 * equivalent), with one index folder per data root, named after the root and a hash of its
 * absolute path.
 */
public final class IndexLocation {
  private IndexLocation() {}

  /** The user's dicomsql cache folder. */
  public static Path cacheRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "dicomsql");
    }
    String home = System.getProperty("user.home");
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return Path.of(home, "Library", "Caches", "dicomsql");
    }
    String localAppData = System.getenv("LOCALAPPDATA");
    if (os.contains("win") && localAppData != null) {
      return Path.of(localAppData, "dicomsql", "cache");
    }
    return Path.of(home, ".cache", "dicomsql");
  }

  /** The default index folder of a data root. */
  public static Path defaultFor(Path dataRoot) {
    Path absolute = dataRoot.toAbsolutePath().normalize();
    Path name = absolute.getFileName();
    String label = name == null ? "root" : name.toString().replaceAll("[^A-Za-z0-9._-]", "_");
    return cacheRoot().resolve("index").resolve(label + "-" + hash(absolute.toString()));
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }
}
