package dicomsql.engine.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Rows to bytes and back: a null mask, then each present value (strings as UTF-8 with a varint
 * length, integers as zig-zag varints, dates as epoch days, times as microseconds of the day,
 * doubles as 8 bytes). Decoding can stop at the last column a query asks for. Public for the
 * Spark module, which moves instance rows between executors in this form.
 */
public final class RowCodec {
  private final ColumnType[] types;
  private final int maskBytes;

  private static final Map<String, RowCodec> SHARED = new HashMap<>();

  static {
    for (TableDefinition table : Tables.ALL) {
      SHARED.put(table.name(), new RowCodec(table));
    }
  }

  /** The codec of a stored table; codecs hold no state, so threads share them. */
  public static RowCodec of(TableDefinition table) {
    return SHARED.get(table.name());
  }

  RowCodec(TableDefinition table) {
    this.types = table.types();
    this.maskBytes = (types.length + 7) / 8;
  }

  public byte[] encode(Object[] row) {
    Output out = new Output();
    byte[] mask = new byte[maskBytes];
    for (int i = 0; i < types.length; i++) {
      if (row[i] == null) {
        mask[i >> 3] |= (byte) (1 << (i & 7));
      }
    }
    out.bytes(mask);
    for (int i = 0; i < types.length; i++) {
      if (row[i] != null) {
        write(out, types[i], row[i]);
      }
    }
    return out.toArray();
  }

  private static void write(Output out, ColumnType type, Object value) {
    switch (type) {
      case VARCHAR -> out.text((String) value);
      case INTEGER -> out.varLong(zigzag((Integer) value));
      case BIGINT -> out.varLong(zigzag((Long) value));
      case DATE -> out.varLong(zigzag(((LocalDate) value).toEpochDay()));
      case TIME -> out.varLong(((LocalTime) value).toNanoOfDay() / 1000);
      case DOUBLE -> out.fixedLong(Double.doubleToLongBits((Double) value));
      case DOUBLES -> {
        double[] values = (double[]) value;
        out.varLong(values.length);
        for (double v : values) {
          out.fixedLong(Double.doubleToLongBits(v));
        }
      }
      default -> throw new IllegalArgumentException("unknown column type " + type);
    }
  }

  /** All columns. */
  public Object[] decode(byte[] bytes) {
    return decode(bytes, types.length);
  }

  /** The first {@code width} columns; later ones are left null without being read. */
  Object[] decode(byte[] bytes, int width) {
    return decode(bytes, null, width);
  }

  /**
   * The columns marked in {@code wanted} (all when null) among the first {@code width}; the
   * others are left null, skipped over without being made into values (a scan that needs two
   * numbers must not build the strings before them).
   */
  Object[] decode(byte[] bytes, boolean[] wanted, int width) {
    Object[] row = new Object[types.length];
    Input in = new Input(bytes, maskBytes);
    for (int i = 0; i < width; i++) {
      if ((bytes[i >> 3] & (1 << (i & 7))) == 0) {
        if (wanted == null || wanted[i]) {
          row[i] = read(in, types[i]);
        } else {
          skip(in, types[i]);
        }
      }
    }
    return row;
  }

  private static void skip(Input in, ColumnType type) {
    // The length is read first: in.at += in.varLong() would add it to in.at as it was before.
    switch (type) {
      case VARCHAR -> {
        int length = (int) in.varLong();
        in.at += length;
      }
      case DOUBLE -> in.at += 8;
      case DOUBLES -> {
        int values = (int) in.varLong();
        in.at += 8 * values;
      }
      default -> in.varLong();
    }
  }

  private static Object read(Input in, ColumnType type) {
    switch (type) {
      case VARCHAR:
        int length = (int) in.varLong();
        String text = new String(in.bytes, in.at, length, StandardCharsets.UTF_8);
        in.at += length;
        return text;
      case INTEGER:
        return (int) unzigzag(in.varLong());
      case BIGINT:
        return unzigzag(in.varLong());
      case DATE:
        return LocalDate.ofEpochDay(unzigzag(in.varLong()));
      case TIME:
        return LocalTime.ofNanoOfDay(in.varLong() * 1000);
      case DOUBLE:
        return Double.longBitsToDouble(in.fixedLong());
      case DOUBLES:
        double[] values = new double[(int) in.varLong()];
        // In one bulk copy: contours hold most of the index's numbers.
        ByteBuffer.wrap(in.bytes, in.at, 8 * values.length).order(ByteOrder.LITTLE_ENDIAN)
            .asDoubleBuffer().get(values);
        in.at += 8 * values.length;
        return values;
      default:
        throw new IllegalArgumentException("unknown column type " + type);
    }
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** A growable byte array written front to back. */
  private static final class Output {
    /** As large as an instance row mostly is, so that it rarely grows. */
    private byte[] buf = new byte[1024];
    private int size;

    void ensure(int n) {
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(size + n, buf.length * 2));
      }
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
    }

    void varLong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
    }

    void fixedLong(long v) {
      ensure(8);
      for (int k = 0; k < 8; k++) {
        buf[size++] = (byte) (v >>> (8 * k));
      }
    }

    /** A string as its UTF-8 length and bytes; ASCII (UIDs, codes, paths) copied as it is. */
    void text(String value) {
      int length = value.length();
      for (int i = 0; i < length; i++) {
        if (value.charAt(i) >= 0x80) {
          byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
          varLong(utf8.length);
          bytes(utf8);
          return;
        }
      }
      varLong(length);
      ensure(length);
      for (int i = 0; i < length; i++) {
        buf[size++] = (byte) value.charAt(i);
      }
    }

    byte[] toArray() {
      return Arrays.copyOf(buf, size);
    }
  }

  /** A cursor over encoded bytes. */
  private static final class Input {
    private final byte[] bytes;
    private int at;

    Input(byte[] bytes, int at) {
      this.bytes = bytes;
      this.at = at;
    }

    long varLong() {
      long value = 0;
      int shift = 0;
      while (true) {
        byte b = bytes[at++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
        shift += 7;
      }
    }

    long fixedLong() {
      long value = 0;
      for (int k = 0; k < 8; k++) {
        value |= (bytes[at++] & 0xFFL) << (8 * k);
      }
      return value;
    }
  }
}
