package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.Tag;

/**
 * The marker segments of a JPEG stream, read in order: markers, big-endian lengths and the bytes
 * of a segment; the entropy-coded data after a scan header is left to the scan, which moves the
 * position past it. Every read is checked against the end of the frame.
 */
final class JpegSegments {
  static final int SOI = 0xD8;
  static final int EOI = 0xD9;
  static final int SOS = 0xDA;
  static final int DRI = 0xDD;

  private final byte[] data;
  private int position;

  JpegSegments(byte[] data) {
    this.data = data;
  }

  /** Reads the Start of Image marker every stream begins with. */
  void start() throws DicomException {
    if (marker() != SOI) {
      throw problem("does not start with a JPEG Start of Image marker");
    }
  }

  /**
   * Skips a segment that does not matter to the decoder; fails on the frame header of another
   * JPEG process, saying which ({@code expected} names the one the decoder reads).
   */
  void skipOther(int marker, String expected) throws DicomException {
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
        && marker != 0xCC) {
      throw problem("is JPEG process SOF" + (marker - 0xC0) + ", not " + expected);
    }
    skip(length(2) - 2);
  }

  /** The restart interval a DRI segment sets, in MCUs; 0 for none. */
  int restartInterval() throws DicomException {
    length(4);
    return u16();
  }

  byte[] data() {
    return data;
  }

  int position() {
    return position;
  }

  void position(int position) {
    this.position = position;
  }

  /** The next marker's code (the byte after 0xFF), fill bytes skipped. */
  int marker() throws DicomException {
    if (u8() != 0xFF) {
      throw problem(position - 1, "has no JPEG marker where one must start");
    }
    int code = u8();
    while (code == 0xFF) {
      code = u8();
    }
    return code;
  }

  /** A segment's length field, checked to be at least {@code least} and inside the frame. */
  int length(int least) throws DicomException {
    int length = u16();
    if (length < least || position - 2 + length > data.length) {
      throw problem(position - 2, "has a segment length of " + length + " that does not fit");
    }
    return length;
  }

  int u8() throws DicomException {
    if (position >= data.length) {
      throw problem(position, "ends before its End of Image marker");
    }
    return data[position++] & 0xFF;
  }

  int u16() throws DicomException {
    return u8() << 8 | u8();
  }

  void skip(int count) throws DicomException {
    if (count > data.length - position) {
      throw problem(position, "ends inside a segment");
    }
    position += count;
  }

  DicomException problem(String text) {
    return problem(position, text);
  }

  DicomException problem(int at, String text) {
    return new DicomException("JPEG data at byte " + at + " " + text, -1, Tag.PixelData);
  }
}
