package dicomsql.engine.dicom;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A pull reader of DICOM tokens: element headers, sequence and item boundaries, fragments. A value
 * is read only when asked for; otherwise the next call skips it without decoding it, which is
 * what makes reading headers fast. Works over Part 10 files and over raw data sets (no preamble,
 * no file meta group), whose encoding it guesses from the first bytes.
 */
public final class DicomReader implements Closeable {
  /** What {@link #next()} found. */
  public enum Token {
    /** A primitive element: {@link #tag()}, {@link #vr()}, {@link #length()}; value on demand. */
    ELEMENT,
    /** A sequence, or encapsulated pixel data when {@link #isFragments()}. */
    SEQUENCE_START,
    ITEM_START,
    ITEM_END,
    SEQUENCE_END,
    /** An item of encapsulated pixel data; its bytes on demand. */
    FRAGMENT,
    /** The end of the data set (or of what the options asked for). */
    END
  }

  private static final long UNDEFINED = 0xFFFFFFFFL;
  private static final int MAX_DEPTH = 1000;
  private static final int BUFFER = 16 * 1024;

  private final DicomInput in;
  private final ReadOptions options;
  /** The file read, or null; named as text only in errors (decoding its name costs). */
  private final Path path;
  private final DataSet fileMeta;
  private final TransferSyntax syntax;

  private Frame[] frames = new Frame[8];
  private int depth;

  private Token token;
  private int tag = -1;
  private VR vr;
  private long length;
  private long offset;
  private boolean fragments;
  private boolean valueUnread;
  private byte[] preread;
  private boolean pendingSequenceEnd;
  private boolean ended;
  private DicomException pixelDataCutShort;
  private long valueCutFrom = -1;
  private int errorTag = -1;
  private long pixelDataStart = -1;
  private long pixelDataLength;

  /** One open data set, item or sequence. */
  private static final class Frame {
    static final int DATASET = 0;
    static final int ITEM = 1;
    static final int SEQUENCE = 2;
    static final int FRAGMENTS = 3;

    int kind;
    /** Where this frame's declared length ends; -1 for undefined length. */
    long end;
    /** The nearest end declared here or around: nothing inside may run past it; -1 for none. */
    long limit;
    /** The depth of the frame that declared {@link #limit}. */
    int limitDepth;
    int tag;
    boolean explicitVr;
    boolean bigEndian;
    boolean hidden;
    SpecificCharacterSet charset;
    /** Pixel Representation (0028,0103) of this data set is 1: xs VRs are read as SS. */
    boolean signedPixels;

    boolean isDataSet() {
      return kind == DATASET || kind == ITEM;
    }
  }

  private DicomReader(DicomInput in, ReadOptions options, Path path) throws DicomException {
    this.in = in;
    this.options = options;
    this.path = path;
    // Deeper frames are made when first entered: most files an index reads have no sequence.
    frames[0] = new Frame();
    try {
      FileStart start = FileStart.read(in);
      this.fileMeta = start.fileMeta();
      this.syntax = start.syntax();
      Frame top = frames[0];
      top.kind = Frame.DATASET;
      top.end = in.size();
      top.limit = in.size();
      top.limitDepth = 0;
      top.tag = -1;
      top.bigEndian = syntax.bigEndian();
      top.explicitVr = start.explicitVr();
      top.charset = SpecificCharacterSet.DEFAULT;
    } catch (DicomException e) {
      throw e.inFile(file());
    }
  }

  /** Opens a file; the caller closes the reader. */
  public static DicomReader open(Path path, ReadOptions options) throws IOException {
    // Through the path itself, not path.toFile(): a name that is not in the locale's encoding
    // survives only as the path's bytes.
    FileChannel channel = FileChannel.open(path);
    InputStream stream = Channels.newInputStream(channel);
    try {
      long size = channel.size();
      return new DicomReader(new DicomInput(stream, size, BUFFER), options, path);
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  /** Reads a stream whose total length is unknown; the caller closes the reader. */
  public static DicomReader of(InputStream stream, ReadOptions options) throws DicomException {
    return new DicomReader(new DicomInput(stream, -1, BUFFER), options, null);
  }

  /** Reads bytes held in memory. */
  public static DicomReader of(byte[] bytes, ReadOptions options) throws DicomException {
    return new DicomReader(new DicomInput(bytes), options, null);
  }

  /** The file meta group (0002,xxxx); empty for a raw data set. */
  public DataSet fileMeta() {
    return fileMeta;
  }

  /** The declared transfer syntax, or the one guessed for a raw data set. */
  public TransferSyntax transferSyntax() {
    return syntax;
  }

  /** The file this reader reads, or null for a stream. */
  public String file() {
    return path == null ? null : path.toString();
  }

  public Token token() {
    return token;
  }

  /** Tag of the current element, sequence or fragment item. */
  public int tag() {
    return tag;
  }

  /** VR of the current element (SQ for sequences, read as such whatever the file said). */
  public VR vr() {
    return vr;
  }

  /** Value length of the current element or fragment; -1 when undefined. */
  public long length() {
    return length;
  }

  /**
   * Byte offset where the current token starts; for the end of an item or sequence of defined
   * length, where it ends. Offsets in deflated data count inflated bytes from the data set on.
   */
  public long offset() {
    return offset;
  }

  /**
   * Nesting of the current token: 0 for top-level elements and the start and end of their
   * sequences; 1 for those sequences' items (start, end, fragments) and their elements; and so on.
   */
  public int depth() {
    int d = depth;
    if (token == Token.SEQUENCE_START || token == Token.ITEM_START) {
      d--;
    }
    return (d + 1) / 2;
  }

  /**
   * Where the value of the top-level pixel data this reader stopped before starts (in the file,
   * unless the syntax is deflated), or -1 when it did not stop there or the value is
   * encapsulated: the start of native pixel data, to read parts of it in place.
   */
  public long pixelDataStart() {
    return pixelDataStart;
  }

  /** The length of the value at {@link #pixelDataStart()}. */
  public long pixelDataLength() {
    return pixelDataLength;
  }

  /** For SEQUENCE_START: whether this is encapsulated pixel data (fragments, not items). */
  public boolean isFragments() {
    return fragments;
  }

  /** Byte order of the current element's binary values. */
  public boolean bigEndian() {
    return frames[depth].bigEndian;
  }

  /** Character set of the data set the current element belongs to. */
  public SpecificCharacterSet charset() {
    return frames[depth].charset;
  }

  /** The value bytes of the current ELEMENT or FRAGMENT, as stored (odd lengths kept). */
  public byte[] value() throws DicomException {
    if (token != Token.ELEMENT && token != Token.FRAGMENT) {
      throw new IllegalStateException("no value at " + token);
    }
    if (preread != null) {
      return preread;
    }
    if (!valueUnread) {
      throw new IllegalStateException("value already read");
    }
    try {
      int cap = options.topLevelValueCap();
      if (cap > 0 && length > cap && frames[depth].kind == Frame.DATASET) {
        preread = in.bytes(cap);
        in.skip(length - cap);
        valueCutFrom = length;
      } else {
        preread = in.bytes(length);
      }
      valueUnread = false;
      return preread;
    } catch (DicomException e) {
      // As in next(): after a failure there is nothing more to read, not a second failure.
      valueUnread = false;
      ended = true;
      token = Token.END;
      throw e.inside(tag).inFile(file());
    }
  }

  /** The current text value decoded with the data set's character set, padding kept. */
  public String text() throws DicomException {
    byte[] bytes = value();
    if (vr.isCharsetDependent()) {
      return charset().decode(bytes, 0, bytes.length, vr);
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** Advances to the next token, skipping the current value if it was not read. */
  /**
   * When the reader stops before the pixel data: why that pixel data cannot be read (the file
   * ends before the length its header declares), else null. The tokens up to it were whole.
   */
  public DicomException pixelDataCutShort() {
    return pixelDataCutShort;
  }

  /**
   * The whole length of the value {@link #value()} gave when it gave only its first bytes (the
   * options cap top-level values), else -1.
   */
  public long valueCutFrom() {
    return token == Token.ELEMENT ? valueCutFrom : -1;
  }

  public Token next() throws DicomException {
    try {
      token = advance();
      return token;
    } catch (DicomException e) {
      ended = true;
      token = Token.END;
      throw e.inside(errorTag).inFile(file());
    }
  }

  private Token advance() throws DicomException {
    if (ended) {
      return Token.END;
    }
    if (valueUnread) {
      valueUnread = false;
      in.skip(length);
    }
    preread = null;
    valueCutFrom = -1;
    fragments = false;
    while (true) {
      Frame frame = frames[depth];
      errorTag = frame.tag;
      Token next;
      if (pendingSequenceEnd) {
        pendingSequenceEnd = false;
        next = endSequence();
      } else {
        next = frame.isDataSet() ? nextInDataSet(frame) : nextInSequence(frame);
      }
      if (next == null) {
        // An element read ahead for the reader's own use (character set, pixel representation)
        // but not wanted: its bytes must not pass for the next element's value.
        preread = null;
        continue;
      }
      if (next == Token.END) {
        ended = true;
        return next;
      }
      boolean hidden = next == Token.SEQUENCE_END || next == Token.ITEM_END
          ? frames[depth + 1].hidden : frames[depth].hidden;
      if (!hidden) {
        return next;
      }
      if (valueUnread) {
        valueUnread = false;
        in.skip(length);
      }
      preread = null;
    }
  }

  /** The next token inside a sequence; null when the caller should look again. */
  private Token nextInSequence(Frame frame) throws DicomException {
    long position = in.position();
    offset = position;
    if (frame.end >= 0 && position >= frame.end) {
      checkEnd(frame, position);
      return endSequence();
    }
    if (frame.end < 0) {
      checkDelimited(frame, position, "sequence");
    }
    int itemTag = in.tag(frame.bigEndian);
    long itemLength = in.u32(frame.bigEndian) & UNDEFINED;
    if (itemTag == Tag.SequenceDelimitationItem) {
      return endSequence();
    }
    if (itemTag == Tag.ItemDelimitationItem) {
      return null;
    }
    if (itemTag != Tag.Item) {
      throw new DicomException("expected an item " + Tag.toString(Tag.Item) + " but found "
          + Tag.toString(itemTag), position);
    }
    tag = Tag.Item;
    vr = null;
    boolean undefined = itemLength == UNDEFINED;
    long start = in.position();
    if (!undefined) {
      checkFits(frame, start, itemLength, "item");
    }
    if (frame.kind == Frame.FRAGMENTS) {
      vr = VR.OB;
      if (undefined) {
        throw new DicomException("fragment of undefined length", position);
      }
      length = itemLength;
      valueUnread = true;
      return Token.FRAGMENT;
    }
    length = undefined ? -1 : itemLength;
    Frame item = push(Frame.ITEM, undefined ? -1 : start + itemLength, frame.tag);
    item.explicitVr = frame.explicitVr;
    item.bigEndian = frame.bigEndian;
    return Token.ITEM_START;
  }

  /** The next token inside a data set or item; null when the caller should look again. */
  private Token nextInDataSet(Frame frame) throws DicomException {
    long position = in.position();
    offset = position;
    if (frame.end >= 0 && position >= frame.end) {
      if (frame.kind == Frame.DATASET) {
        return Token.END;
      }
      checkEnd(frame, position);
      return endItem();
    }
    if (frame.end < 0) {
      if (frame.kind == Frame.DATASET) {
        if (in.atEnd()) {
          return Token.END;
        }
      } else {
        checkDelimited(frame, position, "item");
      }
    }
    int elementTag = in.tag(frame.bigEndian);
    errorTag = elementTag;
    if (elementTag == Tag.ItemDelimitationItem || elementTag == Tag.SequenceDelimitationItem) {
      in.skip(4);
      if (frame.kind == Frame.DATASET) {
        return null;
      }
      if (elementTag == Tag.SequenceDelimitationItem) {
        pendingSequenceEnd = true;
      }
      return endItem();
    }
    if (elementTag == Tag.Item) {
      throw new DicomException("item tag " + Tag.toString(Tag.Item) + " outside a sequence",
          position);
    }
    VR elementVr;
    long elementLength;
    if (frame.explicitVr) {
      in.require(2);
      int c0 = in.peek(0);
      int c1 = in.peek(1);
      in.skip(2);
      elementVr = VR.ofCode(c0 << 8 | c1);
      if (elementVr == null) {
        if (!FileStart.isUpperCase(c0) || !FileStart.isUpperCase(c1)) {
          throw new DicomException(String.format("invalid VR bytes %02X %02X", c0, c1),
              position + 4);
        }
        elementVr = VR.UN;
        in.skip(2);
        elementLength = in.u32(frame.bigEndian) & UNDEFINED;
      } else if (elementVr.hasLongHeader()) {
        in.skip(2);
        elementLength = in.u32(frame.bigEndian) & UNDEFINED;
      } else {
        elementLength = in.u16(frame.bigEndian);
      }
    } else {
      elementLength = in.u32(frame.bigEndian) & UNDEFINED;
      elementVr = dictionaryVr(frame, elementTag);
    }
    return element(frame, elementTag, elementVr, elementLength);
  }

  /** The dictionary's VR for a tag; US or SS as the frame's Pixel Representation says. */
  private static VR dictionaryVr(Frame frame, int tag) {
    return frame.signedPixels && DataDictionary.followsPixelRepresentation(tag) ? VR.SS
        : DataDictionary.vr(tag);
  }

  private Token element(Frame frame, int elementTag, VR elementVr, long elementLength)
      throws DicomException {
    boolean undefined = elementLength == UNDEFINED;
    long start = in.position();
    boolean topLevel = frame.kind == Frame.DATASET;
    if (topLevel && isPixelData(elementTag) && options.isStopBeforePixelData()) {
      if (!undefined && in.size() >= 0 && start + elementLength > in.size()) {
        // The header before it is whole: end there, and let the caller decide what the cut
        // pixel data means (indexing keeps the header and reports the cut).
        pixelDataCutShort = DicomException.truncated(in.size()).inside(elementTag).inFile(file());
      }
      if (!undefined) {
        pixelDataStart = start;
        pixelDataLength = elementLength;
      }
      return Token.END;
    }
    if (topLevel && options.isPastLastWanted(elementTag)
        && elementTag != Tag.SpecificCharacterSet) {
      return Token.END;
    }
    boolean unwanted = topLevel && !options.wants(elementTag);
    tag = elementTag;
    if (!undefined) {
      checkFits(frame, start, elementLength, "value");
    }
    boolean unknownSequence = false;
    if (elementVr == VR.UN && frame.explicitVr && !undefined) {
      // A value the writer called UN (gdcmconv does) is read by the dictionary's VR, as
      // pydicom does: DS text stays text, US stays a number. A sequence's items are then in
      // implicit VR little endian (CP-246).
      VR known = dictionaryVr(frame, elementTag);
      unknownSequence = known == VR.SQ;
      if (known != VR.SQ && known != VR.UN) {
        elementVr = known;
      }
    }
    boolean binary = elementVr == VR.OB || elementVr == VR.OW;
    if (elementVr == VR.SQ || undefined && !binary || unknownSequence) {
      if (undefined && elementVr != VR.SQ && elementVr != VR.UN && frame.explicitVr) {
        throw new DicomException("undefined length is not allowed for VR " + elementVr, offset);
      }
      if (unwanted && !undefined) {
        in.skip(elementLength);
        return null;
      }
      // CP-246: an undefined-length UN holds a sequence encoded in implicit VR little endian.
      boolean un = elementVr == VR.UN && frame.explicitVr;
      Frame sequence = push(Frame.SEQUENCE, undefined ? -1 : start + elementLength, elementTag);
      sequence.explicitVr = !un && frame.explicitVr;
      sequence.bigEndian = !un && frame.bigEndian;
      sequence.hidden |= unwanted;
      vr = VR.SQ;
      length = undefined ? -1 : elementLength;
      return Token.SEQUENCE_START;
    }
    if (undefined) {
      Frame sequence = push(Frame.FRAGMENTS, -1, elementTag);
      sequence.explicitVr = frame.explicitVr;
      sequence.bigEndian = frame.bigEndian;
      sequence.hidden |= unwanted;
      // Fragments are byte streams whatever the header says (PS3.5 A.4), as dcmtk reads them.
      vr = VR.OB;
      length = -1;
      fragments = true;
      return Token.SEQUENCE_START;
    }
    vr = elementVr;
    length = elementLength;
    if (elementTag == Tag.SpecificCharacterSet) {
      preread = in.bytes(elementLength);
      frame.charset = SpecificCharacterSet.of(TextValues.split(
          new String(preread, StandardCharsets.ISO_8859_1), VR.CS));
      return unwanted ? null : Token.ELEMENT;
    }
    if (elementTag == Tag.PixelRepresentation) {
      preread = in.bytes(elementLength);
      frame.signedPixels = elementVr.kind() == VR.Kind.BINARY && preread.length >= 2
          && Bytes.shortAt(preread, 0, frame.bigEndian) == 1;
      return unwanted ? null : Token.ELEMENT;
    }
    if (unwanted) {
      in.skip(elementLength);
      return null;
    }
    valueUnread = true;
    return Token.ELEMENT;
  }

  private static boolean isPixelData(int elementTag) {
    return elementTag == Tag.PixelData || elementTag == Tag.FloatPixelData
        || elementTag == Tag.DoubleFloatPixelData;
  }

  /**
   * Checks a value or item of defined length against every end declared around it: past the end
   * of the file it is truncated; past the end of an enclosing item or sequence it is corrupt.
   */
  private void checkFits(Frame frame, long start, long valueLength, String what)
      throws DicomException {
    if (frame.limit >= 0 && start + valueLength > frame.limit) {
      if (in.size() >= 0 && start + valueLength > in.size()) {
        throw DicomException.truncated(in.size());
      }
      Frame enclosing = frames[frame.limitDepth];
      throw new DicomException(what + " of " + valueLength + " bytes runs past the end of its "
          + (enclosing.kind == Frame.ITEM ? "item" : "sequence") + " (byte " + enclosing.end
          + ")", start);
    }
  }

  /**
   * In an item or sequence of undefined length: the data must not end, nor an enclosing item or
   * sequence of defined length, before the delimitation item.
   */
  private void checkDelimited(Frame frame, long position, String what) throws DicomException {
    if (frame.limit >= 0 && position >= frame.limit && position != in.size()) {
      Frame enclosing = frames[frame.limitDepth];
      throw new DicomException(what + " of undefined length not delimited before the end of its "
          + (enclosing.kind == Frame.ITEM ? "item" : "sequence") + " (byte " + enclosing.end
          + ")", position);
    }
    if (in.atEnd()) {
      throw DicomException.truncated(position);
    }
  }

  private void checkEnd(Frame frame, long position) throws DicomException {
    if (position > frame.end) {
      throw new DicomException("contents overrun the declared length, which ends at byte "
          + frame.end, position);
    }
  }

  private Frame push(int kind, long end, int frameTag) throws DicomException {
    if (depth + 1 >= MAX_DEPTH) {
      throw new DicomException("sequences nested deeper than " + MAX_DEPTH, in.position());
    }
    Frame parent = frames[depth];
    depth++;
    if (depth == frames.length) {
      frames = Arrays.copyOf(frames, frames.length * 2);
    }
    if (frames[depth] == null) {
      frames[depth] = new Frame();
    }
    Frame frame = frames[depth];
    frame.kind = kind;
    frame.end = end;
    // checkFits has made sure that a declared end lies within the enclosing limit.
    frame.limit = end >= 0 ? end : parent.limit;
    frame.limitDepth = end >= 0 ? depth : parent.limitDepth;
    frame.tag = frameTag;
    frame.hidden = parent.hidden;
    frame.charset = parent.charset;
    frame.signedPixels = false;
    return frame;
  }

  private Token endSequence() {
    tag = frames[depth].tag;
    vr = frames[depth].kind == Frame.FRAGMENTS ? VR.OB : VR.SQ;
    depth--;
    return Token.SEQUENCE_END;
  }

  private Token endItem() {
    tag = Tag.Item;
    vr = null;
    depth--;
    return Token.ITEM_END;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
