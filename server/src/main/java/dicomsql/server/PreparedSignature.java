package dicomsql.server;

import com.google.protobuf.ByteString;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;

/**
 * The signature of a statement the server prepared (its columns, parameters and SQL), as it
 * goes out with every run of the statement: its protobuf form, and the bytes of that, are built
 * on the first response and sent as they are afterwards, instead of being built again, column by
 * column, for every run.
 * Sound because a served connection's schema stays as it was opened (the index is not
 * refreshed under it), so a prepared statement's columns and parameters never change.
 */
final class PreparedSignature extends Meta.Signature {
  /** Built once; a protobuf message is immutable, so every response may send the same one. */
  private volatile Common.Signature proto;
  private volatile ByteString bytes;

  /**
   * The signature given, with Avatica's list cursor, which is what the server's first frames
   * hold: so that Avatica sends this object as it is rather than a copy with another cursor.
   */
  PreparedSignature(Meta.Signature signature) {
    super(signature.columns, signature.sql, signature.parameters,
        signature.internalParameters, Meta.CursorFactory.LIST, signature.statementType);
  }

  @Override
  public Common.Signature toProto() {
    Common.Signature built = proto;
    if (built == null) {
      built = super.toProto();
      proto = built;
    }
    return built;
  }

  /** Its protobuf form, encoded ({@link ServedProtobuf} writes it into every run's answer). */
  ByteString bytes() {
    ByteString encoded = bytes;
    if (encoded == null) {
      encoded = toProto().toByteString();
      bytes = encoded;
    }
    return encoded;
  }
}
