package dicomsql.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * A {@code jdbc:dicom:remote:} URL taken apart: {@code jdbc:dicom:remote:https://HOST:PORT;
 * NAME=VALUE...}, a {@code dicomsql serve} server for the project's own driver. It becomes the
 * URL and properties of Avatica's remote driver, which does the talking: protobuf
 * serialization, and JDBC's standard {@code user} and {@code password} (what a BI tool's login
 * fields set) as Avatica's HTTP Basic credentials. Other properties ({@code truststore},
 * {@code truststore_password}, ...) go to Avatica as they are.
 */
record RemoteUrl(String server, Properties avatica) {
  static final String PREFIX = "jdbc:dicom:remote:";
  private static final String AVATICA_PREFIX = "jdbc:avatica:remote:";

  static boolean accepts(String url) {
    return url.startsWith(PREFIX);
  }

  static RemoteUrl parse(String url, Properties info) throws SQLException {
    String[] parts = url.substring(PREFIX.length()).split(";");
    String server = parts[0].strip();
    String scheme = server.toLowerCase(Locale.ROOT);
    if (!scheme.startsWith("http://") && !scheme.startsWith("https://")) {
      throw new SQLException("expected jdbc:dicom:remote:http://HOST:PORT or "
          + "jdbc:dicom:remote:https://HOST:PORT, got " + url, "08001");
    }
    Properties given = new Properties();
    if (info != null) {
      given.putAll(info);
    }
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].isBlank()) {
        continue;
      }
      int equals = parts[i].indexOf('=');
      if (equals < 1) {
        throw new SQLException("expected NAME=VALUE after ';' in the URL, got '" + parts[i]
            + "'", "08001");
      }
      given.setProperty(parts[i].substring(0, equals).strip(),
          parts[i].substring(equals + 1).strip());
    }
    Properties avatica = new Properties();
    for (String name : given.stringPropertyNames()) {
      switch (name) {
        case "user" -> avatica.setProperty("avatica_user", given.getProperty(name));
        case "password" -> avatica.setProperty("avatica_password", given.getProperty(name));
        case "url", "serialization", "factory" -> {
          // The URL's server and protobuf are what dicomsql serve speaks, through our service.
        }
        default -> avatica.setProperty(name, given.getProperty(name));
      }
    }
    if (avatica.getProperty("avatica_user") != null) {
      avatica.setProperty("authentication", "BASIC");
    }
    avatica.setProperty("url", server);
    avatica.setProperty("serialization", "protobuf");
    avatica.setProperty("factory", RemoteService.class.getName());
    return new RemoteUrl(server, avatica);
  }

  /** The URL Avatica's remote driver takes; everything else is in {@link #avatica()}. */
  String avaticaUrl() {
    return AVATICA_PREFIX;
  }
}
