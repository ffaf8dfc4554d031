package dicomsql.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Runs a statement the server prepared as a client's request does, through Avatica's own
 * handler ({@link LocalService}) in front of the {@link ServedMeta}, without HTTP.
 */
final class ServedAnswers {
  private ServedAnswers() {}

  /** The response to running the statement with the values given. */
  static Service.ResultSetResponse run(ServedMeta meta, Meta.StatementHandle statement,
      List<TypedValue> values) {
    Service.ExecuteResponse response = new LocalService(meta).apply(
        new Service.ExecuteRequest(statement, values, 1000));
    return response.results.get(0);
  }

  /** The rows of the response's first frame (all of a small answer). */
  static List<List<Object>> rows(ServedMeta meta, Meta.StatementHandle statement,
      List<TypedValue> values) {
    List<List<Object>> rows = new ArrayList<>();
    for (Object row : run(meta, statement, values).firstFrame.rows) {
      // Avatica's frames hold rows as arrays on the server, as lists once they are sent.
      rows.add(new ArrayList<>(row instanceof Object[] cells ? Arrays.asList(cells)
          : (List<?>) row));
    }
    return rows;
  }
}
