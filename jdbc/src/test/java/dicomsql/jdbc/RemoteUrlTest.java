package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RemoteUrlTest {
  @Test
  void givesJdbcCredentialsToAvaticaAsBasicAuthentication() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "alice");
    info.setProperty("password", "correct horse");
    RemoteUrl url = RemoteUrl.parse("jdbc:dicom:remote:https://db.example:8765;"
        + "truststore=/etc/trust.p12;truststore_password=secret", info);
    assertThat(url.server()).isEqualTo("https://db.example:8765");
    assertThat(url.avatica()).containsOnly(
        entry("url", "https://db.example:8765"), entry("serialization", "protobuf"),
        entry("authentication", "BASIC"), entry("avatica_user", "alice"),
        entry("avatica_password", "correct horse"), entry("truststore", "/etc/trust.p12"),
        entry("truststore_password", "secret"), entry("factory", RemoteService.class.getName()));
  }

  @Test
  void asksForNoCredentialsWithoutAUser() throws SQLException {
    RemoteUrl url = RemoteUrl.parse("jdbc:dicom:remote:http://127.0.0.1:8765", null);
    assertThat(url.avatica()).containsOnly(entry("url", "http://127.0.0.1:8765"),
        entry("serialization", "protobuf"), entry("factory", RemoteService.class.getName()));
  }

  @Test
  void refusesAnAddressThatIsNoHttpUrl() {
    assertThatThrownBy(() -> RemoteUrl.parse("jdbc:dicom:remote:db.example:8765", null))
        .isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("08001"))
        .hasMessage("expected jdbc:dicom:remote:http://HOST:PORT or "
            + "jdbc:dicom:remote:https://HOST:PORT, got jdbc:dicom:remote:db.example:8765");
    assertThatThrownBy(() -> RemoteUrl.parse("jdbc:dicom:remote:http://h:1;trust", null))
        .hasMessage("expected NAME=VALUE after ';' in the URL, got 'trust'");
  }

  @Test
  void reportsAServerThatCannotBeReachedAsAnSqlException() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String server = "http://127.0.0.1:" + port;
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:dicom:remote:" + server))
        .isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("08001"))
        .hasMessageStartingWith("cannot connect to " + server + ": ");
  }

  private static java.util.Map.Entry<Object, Object> entry(String name, String value) {
    return java.util.Map.entry(name, value);
  }
}
