package dicomsql.engine.dicom;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * The bytes under the reader: a buffered stream that knows its absolute position and, for files,
 * its size, so that a length field can be checked before anything is allocated for it.
 */
final class DicomInput implements Closeable {
  /** Values up to this size are read in one allocation when the total size is unknown. */
  private static final int CHUNK = 1 << 20;

  /**
   * Each thread's spare buffer, of the size last given back: a crawl opens a reader a file, and
   * a new zeroed array each time was most of what indexing allocated.
   */
  private static final ThreadLocal<byte[]> SPARE = new ThreadLocal<>();

  private InputStream in;
  private byte[] buf;
  /** Whether {@code buf} is this input's own, to give back as a spare when closed. */
  private boolean own;
  private int pos;
  private int lim;
  private long base;
  private long size;
  private boolean eof;

  /** @param size the total number of bytes {@code in} will give, or -1 when unknown */
  DicomInput(InputStream in, long size, int bufferSize) {
    this.in = in;
    this.size = size;
    byte[] spare = SPARE.get();
    if (spare != null && spare.length == bufferSize) {
      SPARE.set(null);
      this.buf = spare;
    } else {
      this.buf = new byte[bufferSize];
    }
    this.own = true;
  }

  /** Reads the caller's array in place, never writing to it. */
  DicomInput(byte[] bytes) {
    this.in = InputStream.nullInputStream();
    this.buf = bytes;
    this.lim = bytes.length;
    this.size = bytes.length;
    // All there is, is here: ensure() must not compact the array, which is the caller's.
    this.eof = true;
  }

  long position() {
    return base + pos;
  }

  /** Total size when known, else -1. */
  long size() {
    return size;
  }

  /** Makes {@code n} bytes available at {@code pos}; false when the data ends first. */
  boolean ensure(int n) throws DicomException {
    if (lim - pos >= n) {
      return true;
    }
    if (eof) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      base += pos;
      lim -= pos;
      pos = 0;
    }
    if (buf.length < n) {
      buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
      // A grown buffer is not kept as a spare.
      own = false;
    }
    while (lim < n) {
      int read = read(buf, lim, buf.length - lim);
      if (read < 0) {
        eof = true;
        return false;
      }
      lim += read;
    }
    return true;
  }

  private int read(byte[] target, int offset, int length) throws DicomException {
    try {
      return in.read(target, offset, length);
    } catch (EOFException e) {
      // A deflate stream cut short. Unlike a plain file, it would end at an element boundary
      // only by chance: it has an end marker, so whatever is missing, it is truncated.
      throw DicomException.truncated(base + lim);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private DicomException failure(IOException e) {
    if (e instanceof ZipException) {
      return new DicomException("corrupt deflated data (" + e.getMessage() + ")", position());
    }
    return new DicomException("read failed: " + e.getMessage(), position());
  }

  void require(int n) throws DicomException {
    if (!ensure(n)) {
      throw DicomException.truncated(base + lim);
    }
  }

  boolean atEnd() throws DicomException {
    return !ensure(1);
  }

  /** The byte {@code index} bytes ahead, which the caller has made available with ensure. */
  int peek(int index) {
    return buf[pos + index] & 0xFF;
  }

  int u16(boolean bigEndian) throws DicomException {
    require(2);
    int b0 = buf[pos] & 0xFF;
    int b1 = buf[pos + 1] & 0xFF;
    pos += 2;
    return bigEndian ? b0 << 8 | b1 : b1 << 8 | b0;
  }

  int u32(boolean bigEndian) throws DicomException {
    require(4);
    int value = bigEndian ? Bytes.intBE(buf, pos) : Bytes.intLE(buf, pos);
    pos += 4;
    return value;
  }

  /** A tag: two 16-bit numbers, group then element, each in the given byte order. */
  int tag(boolean bigEndian) throws DicomException {
    require(4);
    int group = bigEndian ? Bytes.shortBE(buf, pos) : Bytes.shortLE(buf, pos);
    int element = bigEndian ? Bytes.shortBE(buf, pos + 2) : Bytes.shortLE(buf, pos + 2);
    pos += 4;
    return group << 16 | element;
  }

  /** Reads {@code n} bytes, failing before allocating them when the data is known to be short. */
  byte[] bytes(long n) throws DicomException {
    if (n > Integer.MAX_VALUE - 16) {
      throw new DicomException("value of " + n + " bytes is too long to read", position());
    }
    if (size >= 0 && position() + n > size) {
      throw DicomException.truncated(size);
    }
    int length = (int) n;
    int buffered = Math.min(lim - pos, length);
    byte[] value = new byte[size >= 0 ? length : Math.min(length, Math.max(buffered, CHUNK))];
    System.arraycopy(buf, pos, value, 0, buffered);
    pos += buffered;
    int filled = buffered;
    while (filled < length) {
      if (filled == value.length) {
        value = Arrays.copyOf(value, (int) Math.min(length, (long) value.length * 2));
      }
      int read = read(value, filled, value.length - filled);
      if (read < 0) {
        eof = true;
        throw DicomException.truncated(position());
      }
      filled += read;
      base += read;
    }
    return value;
  }

  void skip(long n) throws DicomException {
    if (size >= 0 && position() + n > size) {
      throw DicomException.truncated(size);
    }
    long buffered = Math.min(lim - pos, n);
    pos += (int) buffered;
    long remaining = n - buffered;
    if (remaining == 0) {
      return;
    }
    base += lim;
    pos = 0;
    lim = 0;
    while (remaining > 0) {
      // Without a known size only reading tells where the data ends: a file stream skips past
      // its end without complaint.
      long skipped = size >= 0 ? skipStream(remaining) : 0;
      if (skipped <= 0) {
        int read = read(buf, 0, (int) Math.min(buf.length, remaining));
        if (read < 0) {
          eof = true;
          throw DicomException.truncated(base);
        }
        skipped = read;
      }
      base += skipped;
      remaining -= skipped;
    }
  }

  private long skipStream(long n) throws DicomException {
    try {
      return in.skip(n);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /**
   * From here on the bytes are a raw deflate stream (Deflated Explicit VR Little Endian):
   * positions count inflated bytes from here on, and the total size becomes unknown.
   */
  void inflateRest() {
    InputStream rest = new SequenceInputStream(
        new ByteArrayInputStream(buf, pos, lim - pos), in);
    in = new InflaterInputStream(rest, new Inflater(true), 8192);
    base = position();
    buf = new byte[Math.max(buf.length, 8192)];
    // The old buffer is still read through: never a spare.
    own = false;
    pos = 0;
    lim = 0;
    size = -1;
    eof = false;
  }

  @Override
  public void close() throws IOException {
    in.close();
    if (own) {
      // Once only, and nothing is read from it here after: another input may be using it.
      own = false;
      SPARE.set(buf);
      buf = new byte[0];
      pos = 0;
      lim = 0;
      eof = true;
    }
  }
}
