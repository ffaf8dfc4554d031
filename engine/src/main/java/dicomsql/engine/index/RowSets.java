package dicomsql.engine.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.roaringbitmap.RoaringBitmap;

/**
 * Sets of row ids as the index stores them: four bytes for a single row (most values of a
 * unique column), else a RoaringBitmap in its portable serialization.
 */
final class RowSets {
  private RowSets() {}

  static byte[] encode(RoaringBitmap rows) {
    if (rows.getCardinality() == 1) {
      return single(rows.first());
    }
    rows.runOptimize();
    ByteBuffer buffer = ByteBuffer.allocate(rows.serializedSizeInBytes());
    rows.serialize(buffer);
    return buffer.array();
  }

  static byte[] single(int row) {
    return new byte[] {(byte) (row >>> 24), (byte) (row >>> 16), (byte) (row >>> 8), (byte) row};
  }

  static RoaringBitmap decode(byte[] bytes) {
    if (bytes == null) {
      return new RoaringBitmap();
    }
    if (bytes.length == 4) {
      return RoaringBitmap.bitmapOf((bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16
          | (bytes[2] & 0xFF) << 8 | (bytes[3] & 0xFF));
    }
    RoaringBitmap rows = new RoaringBitmap();
    try {
      // From a buffer: a DataInputStream reads every 16-bit value through a method call.
      rows.deserialize(ByteBuffer.wrap(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
