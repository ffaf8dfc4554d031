package dicomsql.engine.dicom;

import java.io.Closeable;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

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
  private final String file;
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
  private int errorTag = -1;

  /** One open data set, item or sequence. */
  private static final class Frame {
    static final int DATASET = 0;
    static final int ITEM = 1;
    static final int SEQUENCE = 2;
    static final int FRAGMENTS = 3;

    int kind;
    long end;
    int tag;
    boolean explicitVr;
    boolean bigEndian;
    boolean hidden;
    SpecificCharacterSet charset;

    boolean isDataSet() {
      return kind == DATASET || kind == ITEM;
    }
  }

  private DicomReader(DicomInput in, ReadOptions options, String file) throws DicomException {
    this.in = in;
    this.options = options;
    this.file = file;
    for (int i = 0; i < frames.length; i++) {
      frames[i] = new Frame();
    }
    try {
      boolean part10 = skipPreamble();
      this.fileMeta = new DataSet();
      if (part10 || startsWithFileMeta()) {
        readFileMeta();
      }
      String uid = fileMeta.getString(Tag.TransferSyntaxUID);
      TransferSyntax declared = uid == null ? guess(part10) : TransferSyntax.of(uid);
      if (declared.deflated()) {
        in.inflateRest();
      }
      this.syntax = declared;
      Frame top = frames[0];
      top.kind = Frame.DATASET;
      top.end = in.size();
      top.tag = -1;
      top.bigEndian = declared.bigEndian();
      top.explicitVr = looksExplicit(declared);
      top.charset = SpecificCharacterSet.DEFAULT;
    } catch (DicomException e) {
      throw e.inFile(file);
    }
  }

  /** Opens a file; the caller closes the reader. */
  public static DicomReader open(Path path, ReadOptions options) throws IOException {
    FileInputStream stream = new FileInputStream(path.toFile());
    try {
      long size = stream.getChannel().size();
      return new DicomReader(new DicomInput(stream, size, BUFFER), options, path.toString());
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
    return file;
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

  /** Byte offset where the current token starts. */
  public long offset() {
    return offset;
  }

  /** Nesting of the current token: 0 for top-level elements and their sequences. */
  public int depth() {
    int d = depth;
    if (token == Token.SEQUENCE_START || token == Token.ITEM_START) {
      d--;
    }
    return (d + 1) / 2;
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
      preread = in.bytes(length);
      valueUnread = false;
      return preread;
    } catch (DicomException e) {
      throw e.inside(tag).inFile(file);
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
  public Token next() throws DicomException {
    try {
      token = advance();
      return token;
    } catch (DicomException e) {
      ended = true;
      token = Token.END;
      throw e.inside(errorTag).inFile(file);
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
    if (frame.end >= 0 && position >= frame.end) {
      checkEnd(frame, position);
      return endSequence();
    }
    if (frame.end < 0 && in.atEnd()) {
      throw new DicomException("no sequence delimitation item: data ends", position);
    }
    offset = position;
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
    if (frame.end >= 0 && position >= frame.end) {
      if (frame.kind == Frame.DATASET) {
        return Token.END;
      }
      checkEnd(frame, position);
      return endItem();
    }
    if (frame.end < 0 && in.atEnd()) {
      if (frame.kind == Frame.DATASET) {
        return Token.END;
      }
      throw new DicomException("no item delimitation item: data ends", position);
    }
    offset = position;
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
        if (!isUpperCase(c0) || !isUpperCase(c1)) {
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
      elementVr = DataDictionary.vr(elementTag);
    }
    return element(frame, elementTag, elementVr, elementLength);
  }

  private Token element(Frame frame, int elementTag, VR elementVr, long elementLength)
      throws DicomException {
    boolean undefined = elementLength == UNDEFINED;
    long start = in.position();
    boolean topLevel = frame.kind == Frame.DATASET;
    if (topLevel && isPixelData(elementTag) && options.isStopBeforePixelData()) {
      if (!undefined && in.size() >= 0 && start + elementLength > in.size()) {
        throw DicomException.truncated(in.size());
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
    boolean binary = elementVr == VR.OB || elementVr == VR.OW;
    if (elementVr == VR.SQ || undefined && !binary) {
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
      vr = elementVr;
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

  private static boolean isUpperCase(int c) {
    return c >= 'A' && c <= 'Z';
  }

  private void checkFits(Frame frame, long start, long valueLength, String what)
      throws DicomException {
    if (frame.end >= 0 && start + valueLength > frame.end) {
      if (frame.kind == Frame.DATASET) {
        throw DicomException.truncated(frame.end);
      }
      throw new DicomException(what + " of " + valueLength + " bytes runs past the end of its "
          + (frame.kind == Frame.ITEM ? "item" : "sequence") + " at byte " + frame.end, start);
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
      Frame[] grown = new Frame[frames.length * 2];
      System.arraycopy(frames, 0, grown, 0, frames.length);
      for (int i = frames.length; i < grown.length; i++) {
        grown[i] = new Frame();
      }
      frames = grown;
    }
    Frame frame = frames[depth];
    frame.kind = kind;
    frame.end = end;
    frame.tag = frameTag;
    frame.hidden = parent.hidden;
    frame.charset = parent.charset;
    return frame;
  }

  private Token endSequence() {
    tag = frames[depth].tag;
    vr = VR.SQ;
    depth--;
    return Token.SEQUENCE_END;
  }

  private Token endItem() {
    tag = Tag.Item;
    vr = null;
    depth--;
    return Token.ITEM_END;
  }

  /** Steps over the 128-byte preamble and {@code DICM}; false when there is none. */
  private boolean skipPreamble() throws DicomException {
    if (in.ensure(132) && isDicm(128)) {
      in.skip(132);
      return true;
    }
    if (in.ensure(4) && isDicm(0)) {
      in.skip(4);
      return true;
    }
    return false;
  }

  private boolean isDicm(int at) {
    return in.peek(at) == 'D' && in.peek(at + 1) == 'I' && in.peek(at + 2) == 'C'
        && in.peek(at + 3) == 'M';
  }

  private boolean startsWithFileMeta() throws DicomException {
    return in.ensure(6) && in.peek(0) == 0x02 && in.peek(1) == 0x00;
  }

  /** Reads group 0002, always explicit VR little endian (implicit tolerated, as found in the wild). */
  private void readFileMeta() throws DicomException {
    while (in.ensure(8) && in.peek(0) == 0x02 && in.peek(1) == 0x00) {
      offset = in.position();
      int metaTag = in.tag(false);
      errorTag = metaTag;
      int c0 = in.peek(0);
      int c1 = in.peek(1);
      VR metaVr = VR.ofCode(c0 << 8 | c1);
      long metaLength;
      if (metaVr == null) {
        metaVr = DataDictionary.vr(metaTag);
        metaLength = in.u32(false) & UNDEFINED;
      } else {
        in.skip(2);
        if (metaVr.hasLongHeader()) {
          in.skip(2);
          metaLength = in.u32(false) & UNDEFINED;
        } else {
          metaLength = in.u16(false);
        }
      }
      if (metaLength == UNDEFINED || metaVr == VR.SQ) {
        throw new DicomException("sequence in the file meta group", offset);
      }
      fileMeta.putBytes(metaTag, metaVr, in.bytes(metaLength));
    }
    errorTag = -1;
  }

  /** The encoding of a data set that does not say, from its first element header. */
  private TransferSyntax guess(boolean part10) throws DicomException {
    if (!in.ensure(8)) {
      if (part10) {
        return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
      }
      throw notDicom();
    }
    int groupLe = in.peek(0) | in.peek(1) << 8;
    int groupBe = in.peek(0) << 8 | in.peek(1);
    boolean vrLetters = VR.ofCode(in.peek(4) << 8 | in.peek(5)) != null;
    if (vrLetters && (part10 || isPlausibleFirstGroup(groupLe))) {
      return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    }
    if (vrLetters && isPlausibleFirstGroup(groupBe)) {
      return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
    }
    boolean empty = true;
    for (int i = 0; i < 8; i++) {
      empty &= in.peek(i) == 0;
    }
    if (part10 || isPlausibleFirstGroup(groupLe) && !empty) {
      return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }
    throw notDicom();
  }

  private static boolean isPlausibleFirstGroup(int group) {
    return group <= 0x0010 && (group & 1) == 0;
  }

  private DicomException notDicom() {
    return new DicomException(
        "not a DICOM file: no DICM prefix at byte 128 and no data set at byte 0", 0);
  }

  /**
   * Whether the data set really is explicit VR: some writers declare one encoding and write the
   * other, which shows in whether the first element header has VR letters where the implicit
   * encoding has the low bytes of a length.
   */
  private boolean looksExplicit(TransferSyntax declared) throws DicomException {
    if (!in.ensure(6)) {
      return declared.explicitVr();
    }
    return VR.ofCode(in.peek(4) << 8 | in.peek(5)) != null
        || declared.explicitVr() && isUpperCase(in.peek(4)) && isUpperCase(in.peek(5));
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
