package dicomsql.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's protobuf translation, with a lighter path for the message a client sends most: the
 * run of a prepared statement ({@code ExecuteRequest}) and its answer. Everything else is
 * Avatica's own ({@link ProtobufTranslationImpl}).
 *
 * <ul>
 *   <li>A run's request carries the statement's whole signature (Avatica's thin driver sends
 *       it every time), which Avatica turns back into objects, column by column, through
 *       protobuf's reflection. The server answers with the signature it made when it prepared
 *       the statement ({@link ServedMeta#execute}), so the client's copy is skipped unread.
 *   <li>The answer carries that signature as the bytes it was encoded to once
 *       ({@link PreparedSignature#bytes()}), instead of encoding its columns' strings again.
 *   <li>The answer's rows carry each value once, in the field every Avatica client since 1.8
 *       reads ({@code scalar_value}, or {@code array_value} for arrays); Avatica also repeats
 *       it in a field deprecated since then ({@code value}), which doubles what the client
 *       parses.
 * </ul>
 */
final class ServedProtobuf implements ProtobufTranslation {
  private static final String EXECUTE_REQUEST = Requests.ExecuteRequest.class.getName();
  private static final ByteString EXECUTE_RESPONSE =
      ByteString.copyFromUtf8(Responses.ExecuteResponse.class.getName());

  private final ProtobufTranslation avatica = new ProtobufTranslationImpl();

  @Override
  public Service.Request parseRequest(byte[] bytes) throws IOException {
    CodedInputStream input = UnsafeByteOperations.unsafeWrap(bytes).newCodedInput();
    input.enableAliasing(true);
    Common.WireMessage wire = Common.WireMessage.parseFrom(input);
    if (!EXECUTE_REQUEST.equals(wire.getName())) {
      return avatica.parseRequest(bytes);
    }
    return parseExecute(wire.getWrappedMessage().newCodedInput());
  }

  /**
   * An {@code ExecuteRequest} as Avatica's {@code Service.ExecuteRequest.deserialize} reads it,
   * except that the statement handle comes without the signature.
   */
  static Service.ExecuteRequest parseExecute(CodedInputStream input) throws IOException {
    Meta.StatementHandle handle = null;
    List<Common.TypedValue> values = new ArrayList<>();
    boolean hasValues = false;
    long deprecatedFirstFrame = 0;
    int firstFrame = 0;
    for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case Requests.ExecuteRequest.STATEMENTHANDLE_FIELD_NUMBER -> {
          int limit = input.pushLimit(input.readRawVarint32());
          handle = parseHandle(input);
          input.popLimit(limit);
        }
        case Requests.ExecuteRequest.PARAMETER_VALUES_FIELD_NUMBER ->
            values.add(input.readMessage(Common.TypedValue.parser(),
                ExtensionRegistryLite.getEmptyRegistry()));
        case Requests.ExecuteRequest.DEPRECATED_FIRST_FRAME_MAX_SIZE_FIELD_NUMBER ->
            deprecatedFirstFrame = input.readUInt64();
        case Requests.ExecuteRequest.HAS_PARAMETER_VALUES_FIELD_NUMBER ->
            hasValues = input.readBool();
        case Requests.ExecuteRequest.FIRST_FRAME_MAX_SIZE_FIELD_NUMBER ->
            firstFrame = input.readInt32();
        default -> input.skipField(tag);
      }
    }
    List<TypedValue> parameters = null;
    if (hasValues) {
      parameters = new ArrayList<>(values.size());
      for (Common.TypedValue value : values) {
        parameters.add(TypedValue.PROTO_IMPLICIT_NULL.equals(value) ? null
            : TypedValue.fromProto(value));
      }
    }
    return new Service.ExecuteRequest(handle, parameters,
        firstFrame != 0 ? firstFrame : (int) deprecatedFirstFrame);
  }

  private static Meta.StatementHandle parseHandle(CodedInputStream input) throws IOException {
    String connectionId = "";
    int id = 0;
    for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case Common.StatementHandle.CONNECTION_ID_FIELD_NUMBER ->
            connectionId = input.readStringRequireUtf8();
        case Common.StatementHandle.ID_FIELD_NUMBER -> id = input.readUInt32();
        default -> input.skipField(tag);
      }
    }
    return new Meta.StatementHandle(connectionId, id, null);
  }

  @Override
  public byte[] serializeResponse(Service.Response response) throws IOException {
    if (response instanceof Service.ExecuteResponse execute && execute.results != null
        && execute.results.stream().allMatch(r -> r.signature instanceof PreparedSignature)) {
      return serializeExecute(execute);
    }
    return avatica.serializeResponse(response);
  }

  /**
   * An {@code ExecuteResponse} in its {@code WireMessage}, with the fields Avatica's
   * {@code serialize} methods set, in field order, sized first and written once.
   */
  static byte[] serializeExecute(Service.ExecuteResponse response) throws IOException {
    List<Result> results = new ArrayList<>(response.results.size());
    int size = 0;
    for (Service.ResultSetResponse result : response.results) {
      Result encoded = new Result(result);
      results.add(encoded);
      size += CodedOutputStream.computeTagSize(Responses.ExecuteResponse.RESULTS_FIELD_NUMBER)
          + CodedOutputStream.computeUInt32SizeNoTag(encoded.size) + encoded.size;
    }
    if (response.missingStatement) {
      size += CodedOutputStream.computeBoolSize(
          Responses.ExecuteResponse.MISSING_STATEMENT_FIELD_NUMBER, true);
    }
    Responses.RpcMetadata metadata = metadata(response.rpcMetadata);
    if (metadata != null) {
      size += CodedOutputStream.computeMessageSize(
          Responses.ExecuteResponse.METADATA_FIELD_NUMBER, metadata);
    }
    byte[] bytes = new byte[CodedOutputStream.computeBytesSize(
        Common.WireMessage.NAME_FIELD_NUMBER, EXECUTE_RESPONSE)
        + CodedOutputStream.computeTagSize(Common.WireMessage.WRAPPED_MESSAGE_FIELD_NUMBER)
        + CodedOutputStream.computeUInt32SizeNoTag(size) + size];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeBytes(Common.WireMessage.NAME_FIELD_NUMBER, EXECUTE_RESPONSE);
    out.writeTag(Common.WireMessage.WRAPPED_MESSAGE_FIELD_NUMBER,
        WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt32NoTag(size);
    for (Result result : results) {
      out.writeTag(Responses.ExecuteResponse.RESULTS_FIELD_NUMBER,
          WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(result.size);
      result.writeTo(out);
    }
    if (response.missingStatement) {
      out.writeBool(Responses.ExecuteResponse.MISSING_STATEMENT_FIELD_NUMBER, true);
    }
    if (metadata != null) {
      out.writeMessage(Responses.ExecuteResponse.METADATA_FIELD_NUMBER, metadata);
    }
    out.checkNoSpaceLeft();
    return bytes;
  }

  /** A {@code ResultSetResponse} whose signature the server prepared, ready to be written. */
  private static final class Result {
    private final Service.ResultSetResponse response;
    private final ByteString signature;
    private final Common.Frame frame;
    private final Responses.RpcMetadata metadata;
    private final int size;

    Result(Service.ResultSetResponse response) {
      this.response = response;
      this.signature = ((PreparedSignature) response.signature).bytes();
      this.frame = response.firstFrame == null ? null : frame(response.firstFrame);
      this.metadata = metadata(response.rpcMetadata);
      int size = CodedOutputStream.computeBytesSize(
          Responses.ResultSetResponse.SIGNATURE_FIELD_NUMBER, signature);
      if (hasConnectionId()) {
        size += CodedOutputStream.computeStringSize(
            Responses.ResultSetResponse.CONNECTION_ID_FIELD_NUMBER, response.connectionId);
      }
      if (response.statementId != 0) {
        size += CodedOutputStream.computeUInt32Size(
            Responses.ResultSetResponse.STATEMENT_ID_FIELD_NUMBER, response.statementId);
      }
      if (response.ownStatement) {
        size += CodedOutputStream.computeBoolSize(
            Responses.ResultSetResponse.OWN_STATEMENT_FIELD_NUMBER, true);
      }
      if (frame != null) {
        size += CodedOutputStream.computeMessageSize(
            Responses.ResultSetResponse.FIRST_FRAME_FIELD_NUMBER, frame);
      }
      if (response.updateCount != 0) {
        size += CodedOutputStream.computeUInt64Size(
            Responses.ResultSetResponse.UPDATE_COUNT_FIELD_NUMBER, response.updateCount);
      }
      if (metadata != null) {
        size += CodedOutputStream.computeMessageSize(
            Responses.ResultSetResponse.METADATA_FIELD_NUMBER, metadata);
      }
      this.size = size;
    }

    private boolean hasConnectionId() {
      return response.connectionId != null && !response.connectionId.isEmpty();
    }

    void writeTo(CodedOutputStream out) throws IOException {
      if (hasConnectionId()) {
        out.writeString(Responses.ResultSetResponse.CONNECTION_ID_FIELD_NUMBER,
            response.connectionId);
      }
      if (response.statementId != 0) {
        out.writeUInt32(Responses.ResultSetResponse.STATEMENT_ID_FIELD_NUMBER,
            response.statementId);
      }
      if (response.ownStatement) {
        out.writeBool(Responses.ResultSetResponse.OWN_STATEMENT_FIELD_NUMBER, true);
      }
      out.writeBytes(Responses.ResultSetResponse.SIGNATURE_FIELD_NUMBER, signature);
      if (frame != null) {
        out.writeMessage(Responses.ResultSetResponse.FIRST_FRAME_FIELD_NUMBER, frame);
      }
      if (response.updateCount != 0) {
        out.writeUInt64(Responses.ResultSetResponse.UPDATE_COUNT_FIELD_NUMBER,
            response.updateCount);
      }
      if (metadata != null) {
        out.writeMessage(Responses.ResultSetResponse.METADATA_FIELD_NUMBER, metadata);
      }
    }
  }

  /** As Avatica's {@code RpcMetadataResponse.serialize}. */
  private static Responses.RpcMetadata metadata(Service.RpcMetadataResponse metadata) {
    return metadata == null ? null
        : Responses.RpcMetadata.newBuilder().setServerAddress(metadata.serverAddress).build();
  }

  /** A frame as Avatica's {@code Meta.Frame.toProto}, each value written once. */
  static Common.Frame frame(Meta.Frame frame) {
    Common.Frame.Builder builder = Common.Frame.newBuilder().setOffset(frame.offset)
        .setDone(frame.done);
    for (Object row : frame.rows) {
      if (row == null) {
        continue;
      }
      Common.Row.Builder values = Common.Row.newBuilder();
      if (row instanceof Object[] array) {
        for (Object value : array) {
          values.addValue(column(value));
        }
      } else if (row instanceof Iterable<?> list) {
        for (Object value : list) {
          values.addValue(column(value));
        }
      } else {
        throw new IllegalArgumentException("a row must be an array or a list, not "
            + row.getClass().getName());
      }
      builder.addRows(values);
    }
    return builder.build();
  }

  private static Common.ColumnValue column(Object value) {
    Common.ColumnValue.Builder column = Common.ColumnValue.newBuilder();
    if (value instanceof List<?> array) {
      column.setHasArrayValue(true);
      for (Object element : array) {
        column.addArrayValue(scalar(element));
      }
    } else {
      column.setScalarValue(scalar(value));
    }
    return column.build();
  }

  private static Common.TypedValue scalar(Object value) {
    Common.TypedValue.Builder typed = Common.TypedValue.newBuilder();
    TypedValue.toProto(typed, value);
    return typed.build();
  }

  @Override
  public byte[] serializeRequest(Service.Request request) throws IOException {
    return avatica.serializeRequest(request);
  }

  @Override
  public Service.Response parseResponse(byte[] bytes) throws IOException {
    return avatica.parseResponse(bytes);
  }
}
