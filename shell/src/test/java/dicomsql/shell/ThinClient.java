package dicomsql.shell;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Avatica's thin driver in a class loader of its own that sees only the avatica jar and
 * SLF4J (no class of this project, no Calcite): a remote client exactly as a BI tool has it.
 */
final class ThinClient {
  private static ClassLoader loader;

  private ThinClient() {}

  static synchronized ClassLoader loader() throws Exception {
    if (loader == null) {
      List<URL> jars;
      try (Stream<Path> files = Files.list(Path.of(System.getProperty("thinClient")))) {
        jars = files.map(ThinClient::url).toList();
      }
      loader = new URLClassLoader(jars.toArray(new URL[0]),
          ClassLoader.getPlatformClassLoader());
    }
    return loader;
  }

  static Connection connect(String url, String user, String password) throws Exception {
    Driver driver = (Driver) loader().loadClass("org.apache.calcite.avatica.remote.Driver")
        .getConstructor().newInstance();
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("authentication", "BASIC");
      properties.setProperty("avatica_user", user);
      properties.setProperty("avatica_password", password);
    }
    Connection connection = driver.connect(url, properties);
    if (connection == null) {
      throw new SQLException("the thin driver does not take " + url);
    }
    return connection;
  }

  static Connection connect(String url) throws Exception {
    return connect(url, null, null);
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
