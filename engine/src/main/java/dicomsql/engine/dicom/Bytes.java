package dicomsql.engine.dicom;

/** Reading and writing fixed-size numbers in either byte order at an offset of a byte array. */
final class Bytes {
  private Bytes() {}

  static int shortLE(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
  }

  static int shortBE(byte[] b, int off) {
    return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
  }

  static int intLE(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16
        | (b[off + 3] & 0xFF) << 24;
  }

  static int intBE(byte[] b, int off) {
    return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8
        | (b[off + 3] & 0xFF);
  }

  static long longLE(byte[] b, int off) {
    return (intLE(b, off) & 0xFFFFFFFFL) | (long) intLE(b, off + 4) << 32;
  }

  static long longBE(byte[] b, int off) {
    return (long) intBE(b, off) << 32 | (intBE(b, off + 4) & 0xFFFFFFFFL);
  }

  static int shortAt(byte[] b, int off, boolean bigEndian) {
    return bigEndian ? shortBE(b, off) : shortLE(b, off);
  }

  static int intAt(byte[] b, int off, boolean bigEndian) {
    return bigEndian ? intBE(b, off) : intLE(b, off);
  }

  static long longAt(byte[] b, int off, boolean bigEndian) {
    return bigEndian ? longBE(b, off) : longLE(b, off);
  }

  static void putShortLE(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
  }

  static void putIntLE(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  static void putLongLE(byte[] b, int off, long v) {
    putIntLE(b, off, (int) v);
    putIntLE(b, off + 4, (int) (v >>> 32));
  }
}
