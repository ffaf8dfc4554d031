package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;

class RemoteServiceTest {
  /**
   * A prepared statement's run goes to the server as its connection, id and values, without
   * the signature Avatica's client puts in the handle.
   */
  @Test
  void sendsThePreparedStatementsRunsWithoutTheirSignature() throws IOException {
    ProtobufTranslation protobuf = new ProtobufTranslationImpl();
    List<byte[]> sent = new ArrayList<>();
    Service service = new RemoteService.WithoutSignatures(request -> {
      sent.add(request);
      try {
        return protobuf.serializeResponse(new Service.ExecuteResponse(List.of(), false,
            null));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    Meta.Signature signature = Meta.Signature.create(List.of(ColumnMetaData.dummy(
        ColumnMetaData.scalar(java.sql.Types.VARCHAR, "VARCHAR", ColumnMetaData.Rep.STRING),
        false)), "SELECT series_uid FROM series WHERE series_uid = ?", List.of(),
        Meta.CursorFactory.LIST, Meta.StatementType.SELECT);
    List<TypedValue> values = List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, "1.2.3"));
    service.apply(new Service.ExecuteRequest(new Meta.StatementHandle("c1", 7, signature),
        values, 100));

    assertThat(sent).hasSize(1);
    Service.ExecuteRequest request = (Service.ExecuteRequest) protobuf.parseRequest(
        sent.get(0));
    assertThat(request.statementHandle.connectionId).isEqualTo("c1");
    assertThat(request.statementHandle.id).isEqualTo(7);
    assertThat(request.statementHandle.signature).isNull();
    assertThat(request.parameterValues).isEqualTo(values);
    assertThat(request.maxRowCount).isEqualTo(100);
  }
}
