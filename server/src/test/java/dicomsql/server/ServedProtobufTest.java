package dicomsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;

class ServedProtobufTest {
  private static final Service.RpcMetadataResponse SERVER =
      new Service.RpcMetadataResponse("127.0.0.1:8765");

  private final ProtobufTranslation avatica = new ProtobufTranslationImpl();
  private final ServedProtobuf served = new ServedProtobuf();

  private static Meta.Signature signature() {
    List<ColumnMetaData> columns = List.of(
        column("series_uid", 0, Types.VARCHAR, "VARCHAR", ColumnMetaData.Rep.STRING),
        column("instance_count", 1, Types.INTEGER, "INTEGER", ColumnMetaData.Rep.INTEGER),
        column("bytes", 2, Types.BIGINT, "BIGINT", ColumnMetaData.Rep.LONG),
        column("thickness", 3, Types.DOUBLE, "DOUBLE", ColumnMetaData.Rep.DOUBLE),
        column("volume", 4, Types.DECIMAL, "DECIMAL", ColumnMetaData.Rep.NUMBER));
    List<AvaticaParameter> parameters = List.of(new AvaticaParameter(false, 0, 0,
        Types.VARCHAR, "VARCHAR", String.class.getName(), "?0"));
    return Meta.Signature.create(columns, "SELECT … FROM series WHERE series_uid = ?",
        parameters, Meta.CursorFactory.LIST, Meta.StatementType.SELECT);
  }

  private static ColumnMetaData column(String name, int index, int type, String typeName,
      ColumnMetaData.Rep rep) {
    return MetaImpl.columnMetaData(name, index, ColumnMetaData.scalar(type, typeName, rep),
        true);
  }

  private static Service.ExecuteResponse answer(Meta.Signature signature, Meta.Frame frame,
      int statementId, boolean ownStatement, long updateCount) {
    return new Service.ExecuteResponse(List.of(new Service.ResultSetResponse("connection-1",
        statementId, ownStatement, signature, frame, updateCount, SERVER)), false, SERVER);
  }

  private static Meta.Frame frame(boolean done, List<?> rows) {
    return new Meta.Frame(0, done, new ArrayList<Object>(rows));
  }

  /**
   * The client reads the server's answer to a run exactly as it reads Avatica's own encoding
   * of the same answer: every field, every value of every type, arrays and nulls, rows held as
   * arrays or lists, with and without a frame, in a shorter message.
   */
  @Test
  void aRunsAnswerReadsAsAvaticasOwnEncodingOfIt() throws Exception {
    PreparedSignature prepared = new PreparedSignature(signature());
    List<Service.ExecuteResponse> answers = List.of(
        answer(prepared, frame(true, List.of(
            new Object[] {"1.2.3", 12, 40_000_000_000L, 2.5, new BigDecimal("1.25")},
            Arrays.asList("1.2.4", null, null, null, null),
            new Object[] {"", -1, 0L, Double.NaN, BigDecimal.ZERO})), 7, false, -1),
        answer(prepared, frame(false, List.of((Object) new Object[] {"1.2.5", 3, 4L, 0.5,
            new BigDecimal("-7")})), 0, true, 0),
        answer(prepared, frame(true, List.of()), 9, false, -1),
        answer(prepared, frame(true, List.of((Object) new Object[] {List.of(1, 2, 3), List.of(),
            Arrays.asList("a", null), true, new byte[] {1, 2}})), 11, false, -1),
        answer(prepared, null, 5, false, 3));
    for (Service.ExecuteResponse answer : answers) {
      byte[] ours = served.serializeResponse(answer);
      byte[] theirs = avatica.serializeResponse(answer);
      // Field by field: a frame's byte[] values are equal only by content, and NaN to NaN.
      assertThat(avatica.parseResponse(ours)).usingRecursiveComparison()
          .withComparatorForType(Double::compare, Double.class)
          .isEqualTo(avatica.parseResponse(theirs));
      if (answer.results.get(0).firstFrame != null
          && answer.results.get(0).firstFrame.rows.iterator().hasNext()) {
        assertThat(ours.length).isLessThan(theirs.length);
      }
    }
  }

  /** Each value goes once, in the field Avatica's clients read, not also in the deprecated one. */
  @Test
  void aRunsAnswerCarriesEachValueOnce() throws Exception {
    byte[] ours = served.serializeResponse(answer(new PreparedSignature(signature()),
        frame(true, List.of((Object) new Object[] {"1.2.3", 12, 4L, 2.5, BigDecimal.ONE})), 7,
        false, -1));
    Common.WireMessage wire = Common.WireMessage.parseFrom(ours);
    Common.Row row = Responses.ExecuteResponse.parseFrom(wire.getWrappedMessage())
        .getResults(0).getFirstFrame().getRows(0);
    assertThat(row.getValueList()).hasSize(5).allSatisfy(column -> {
      assertThat(column.hasScalarValue()).isTrue();
      assertThat(column.getValueCount()).isZero();
    });
  }

  /** An answer with a signature the server did not prepare, or none, is Avatica's, byte for byte. */
  @Test
  void otherAnswersAreAvaticasOwn() throws Exception {
    Meta.Frame rows = frame(true, List.of((Object) new Object[] {"1.2.3", 12, 4L, 2.5,
        BigDecimal.ONE}));
    Service.ExecuteResponse unprepared = answer(signature(), rows, 7, false, -1);
    Service.ExecuteResponse missing = new Service.ExecuteResponse(null, true, SERVER);
    Service.PrepareResponse prepare = new Service.PrepareResponse(
        new Meta.StatementHandle("connection-1", 7, signature()), SERVER);
    for (Service.Response response : List.of(unprepared, missing, prepare)) {
      assertThat(served.serializeResponse(response))
          .isEqualTo(avatica.serializeResponse(response));
    }
  }

  /**
   * A run's request is read as Avatica reads it, parameters and frame size alike, without the
   * statement's signature, which the server does not use.
   */
  @Test
  void readsARunsRequestWithoutTheSignatureItCarries() throws Exception {
    Meta.StatementHandle handle = new Meta.StatementHandle("connection-1", 7, signature());
    List<Service.ExecuteRequest> requests = List.of(
        new Service.ExecuteRequest(handle,
            List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, "1.2.3")), 100),
        new Service.ExecuteRequest(handle, Arrays.asList(
            TypedValue.ofLocal(ColumnMetaData.Rep.INTEGER, 3), null,
            TypedValue.ofLocal(ColumnMetaData.Rep.DOUBLE, 2.5),
            TypedValue.EXPLICIT_NULL), 0),
        new Service.ExecuteRequest(handle, List.of(), 1),
        new Service.ExecuteRequest(handle, null, -1),
        new Service.ExecuteRequest(new Meta.StatementHandle("connection-2", 0, null), null,
            5));
    for (Service.ExecuteRequest request : requests) {
      byte[] sent = avatica.serializeRequest(request);
      Service.ExecuteRequest read = (Service.ExecuteRequest) avatica.parseRequest(sent);
      assertThat(served.parseRequest(sent)).isEqualTo(new Service.ExecuteRequest(
          new Meta.StatementHandle(read.statementHandle.connectionId, read.statementHandle.id,
              null), read.parameterValues, read.maxRowCount));
    }
  }

  /** A client that sends only the frame size Avatica deprecated still gets that many rows. */
  @Test
  void readsTheDeprecatedFrameSize() throws Exception {
    Requests.ExecuteRequest request = Requests.ExecuteRequest.newBuilder()
        .setStatementHandle(Common.StatementHandle.newBuilder().setConnectionId("c").setId(3))
        .setDeprecatedFirstFrameMaxSize(50).build();
    byte[] sent = Common.WireMessage.newBuilder()
        .setName(Requests.ExecuteRequest.class.getName())
        .setWrappedMessage(request.toByteString()).build().toByteArray();
    assertThat(((Service.ExecuteRequest) served.parseRequest(sent)).maxRowCount)
        .isEqualTo(((Service.ExecuteRequest) avatica.parseRequest(sent)).maxRowCount)
        .isEqualTo(50);
  }

  /** Every other request is read by Avatica. */
  @Test
  void readsOtherRequestsAsAvaticaDoes() throws Exception {
    List<Service.Request> requests = new ArrayList<>(List.of(
        new Service.PrepareRequest("connection-1", "SELECT 1", -1),
        new Service.FetchRequest("connection-1", 7, 100, 50),
        new Service.CloseStatementRequest("connection-1", 7)));
    for (Service.Request request : requests) {
      byte[] sent = avatica.serializeRequest(request);
      assertThat(served.parseRequest(sent)).isEqualTo(avatica.parseRequest(sent));
    }
  }
}
