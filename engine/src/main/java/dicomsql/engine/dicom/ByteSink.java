package dicomsql.engine.dicom;

import java.util.Arrays;

/** A growable byte array that the writer fills in one byte order and patches lengths into. */
final class ByteSink {
  private final boolean bigEndian;
  private byte[] buf;
  private int size;

  ByteSink(int capacity, boolean bigEndian) {
    this.buf = new byte[Math.max(16, capacity)];
    this.bigEndian = bigEndian;
  }

  boolean bigEndian() {
    return bigEndian;
  }

  int size() {
    return size;
  }

  private void grow(int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(size + n, buf.length * 2));
    }
  }

  void putByte(byte b) {
    grow(1);
    buf[size++] = b;
  }

  void put(byte[] bytes) {
    grow(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
  }

  void putShort(int v) {
    grow(2);
    if (bigEndian) {
      buf[size] = (byte) (v >>> 8);
      buf[size + 1] = (byte) v;
    } else {
      Bytes.putShortLE(buf, size, v);
    }
    size += 2;
  }

  /** Two bytes, first the high one, whatever the byte order: how VR letters are written. */
  void putShortBE(int v) {
    grow(2);
    buf[size] = (byte) (v >>> 8);
    buf[size + 1] = (byte) v;
    size += 2;
  }

  void putInt(int v) {
    grow(4);
    size += 4;
    patchInt(size - 4, v);
  }

  void putTag(int tag) {
    putShort(tag >>> 16);
    putShort(tag & 0xFFFF);
  }

  void patchInt(int at, int v) {
    if (bigEndian) {
      buf[at] = (byte) (v >>> 24);
      buf[at + 1] = (byte) (v >>> 16);
      buf[at + 2] = (byte) (v >>> 8);
      buf[at + 3] = (byte) v;
    } else {
      Bytes.putIntLE(buf, at, v);
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
