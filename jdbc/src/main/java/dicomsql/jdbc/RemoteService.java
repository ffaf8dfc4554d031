package dicomsql.jdbc;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.RemoteProtobufService;
import org.apache.calcite.avatica.remote.Service;

/**
 * How a {@code jdbc:dicom:remote:} connection talks to {@code dicomsql serve}: Avatica's
 * protobuf service over Avatica's HTTP client, except that the runs of a prepared statement
 * leave its signature out. Avatica's client sends the whole signature (every column's
 * metadata) with every run, for the server to parse and send back; {@code dicomsql serve}
 * answers each run with the signature it keeps for the statement, so sending none spares both
 * sides that work. Public only because Avatica makes it by name (its {@code factory}
 * connection property, which {@link RemoteUrl} sets).
 */
public final class RemoteService implements Service.Factory {
  @Override
  public Service create(AvaticaConnection connection) {
    return new WithoutSignatures(client(connection, ""));
  }

  /**
   * An HTTP client to a path of the connection's server (the one server of its URL), made as
   * Avatica makes its own: same credentials, same trust store.
   */
  static AvaticaHttpClient client(AvaticaConnection connection, String path) {
    ConnectionConfig config = connection.config();
    String server = config.url();
    try {
      return config.httpClientFactory().getClient(
          new URI(server.replaceAll("/+$", "") + path).toURL(), config,
          connection.getKerberosConnection());
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a server address: " + server, e);
    }
  }

  /** Avatica's protobuf service, sending the runs of prepared statements without signature. */
  static final class WithoutSignatures extends RemoteProtobufService {
    WithoutSignatures(AvaticaHttpClient client) {
      super(client, new ProtobufTranslationImpl());
    }

    @Override
    public Service.ExecuteResponse apply(Service.ExecuteRequest request) {
      Meta.StatementHandle statement = request.statementHandle;
      return super.apply(new Service.ExecuteRequest(new Meta.StatementHandle(
          statement.connectionId, statement.id, null), request.parameterValues,
          request.maxRowCount));
    }
  }
}
