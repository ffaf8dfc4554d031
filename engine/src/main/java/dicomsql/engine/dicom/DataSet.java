package dicomsql.engine.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An in-memory data set: elements in tag order with typed access to their values. Text is
 * decoded with the data set's Specific Character Set (inherited by sequence items); numbers come
 * from DS/IS text or binary VRs alike; an absent or unparsable value reads as null.
 */
public final class DataSet implements Iterable<Element> {
  private static final String[] NO_STRINGS = new String[0];

  private final ElementsByTag elements = new ElementsByTag();
  /** Values read only in part (their whole length), when the reader capped them. */
  private Map<Integer, Long> cutLengths;
  private final DataSet parent;
  private final boolean bigEndian;
  private SpecificCharacterSet charset;

  /** An empty top-level data set, little endian. */
  public DataSet() {
    this(null, false);
  }

  private DataSet(DataSet parent, boolean bigEndian) {
    this.parent = parent;
    this.bigEndian = bigEndian;
  }

  /** Reads a whole file, pixel data included. */
  public static DataSet read(Path file) throws IOException {
    return read(file, ReadOptions.all());
  }

  /** Reads a file; pixel data cut short is an error even when it is not read. */
  public static DataSet read(Path file, ReadOptions options) throws IOException {
    try (DicomReader reader = DicomReader.open(file, options)) {
      DataSet read = read(reader);
      if (reader.pixelDataCutShort() != null) {
        throw reader.pixelDataCutShort();
      }
      return read;
    }
  }

  /** Builds a data set from the reader's remaining tokens. */
  public static DataSet read(DicomReader reader) throws DicomException {
    DataSet root = new DataSet(null, reader.transferSyntax().bigEndian());
    DataSet current = root;
    Deque<Element> sequences = new ArrayDeque<>();
    for (DicomReader.Token token = reader.next(); token != DicomReader.Token.END;
        token = reader.next()) {
      switch (token) {
        case ELEMENT:
          current.putFirst(Element.primitive(reader.tag(), reader.vr(), reader.value()));
          if (reader.valueCutFrom() >= 0) {
            current.cut(reader.tag(), reader.valueCutFrom());
          }
          break;
        case SEQUENCE_START:
          Element sequence = reader.isFragments()
              ? Element.encapsulated(reader.tag(), reader.vr(), new ArrayList<>())
              : Element.sequence(reader.tag(), new ArrayList<>());
          current.putFirst(sequence);
          sequences.push(sequence);
          break;
        case ITEM_START:
          DataSet item = new DataSet(current, reader.bigEndian());
          sequences.element().items().add(item);
          current = item;
          break;
        case ITEM_END:
          current = current.parent;
          break;
        case FRAGMENT:
          sequences.element().fragments().add(reader.value());
          break;
        case SEQUENCE_END:
          sequences.pop();
          break;
        default:
          throw new IllegalStateException("unexpected token " + token);
      }
    }
    return root;
  }

  /** A new item appended to the sequence {@code tag}, which is created when absent. */
  public DataSet addItem(int tag) {
    Element sequence = elements.get(tag);
    if (sequence == null || !sequence.isSequence()) {
      sequence = Element.sequence(tag, new ArrayList<>());
      put(sequence);
    }
    DataSet item = new DataSet(this, bigEndian);
    sequence.items().add(item);
    return item;
  }

  /** Whether binary values are stored big endian (as read from an Explicit VR BE file). */
  public boolean isBigEndian() {
    return bigEndian;
  }

  /** The Specific Character Set in force here: this data set's own, else its parent's. */
  public SpecificCharacterSet charset() {
    if (charset == null) {
      String[] terms = getStrings(Tag.SpecificCharacterSet);
      charset = terms.length > 0 ? SpecificCharacterSet.of(terms)
          : parent != null ? parent.charset() : SpecificCharacterSet.DEFAULT;
    }
    return charset;
  }

  public Element get(int tag) {
    return elements.get(tag);
  }

  public boolean contains(int tag) {
    return elements.contains(tag);
  }

  public int size() {
    return elements.size();
  }

  @Override
  public Iterator<Element> iterator() {
    return elements.values().iterator();
  }

  // Reading values.

  private void cut(int tag, long wholeLength) {
    if (cutLengths == null) {
      cutLengths = new HashMap<>();
    }
    cutLengths.put(tag, wholeLength);
  }

  /** Whether only the first bytes of this element's value were read (see ReadOptions). */
  public boolean isCut(int tag) {
    return cutLengths != null && cutLengths.containsKey(tag);
  }

  /**
   * Text of a value read only in part says so at its end, so that no one takes it for the
   * whole, and no number or date is parsed from it.
   */
  private String flagged(int tag, String text) {
    return isCut(tag) ? text + " ... (cut: " + cutLengths.get(tag) + " bytes in the file)"
        : text;
  }

  /** The whole text value (all values with their separators), padding removed; null if empty. */
  public String getText(int tag) {
    Element e = elements.get(tag);
    if (e == null || e.bytes() == null || !e.vr().isText() && e.vr() != VR.UN) {
      return null;
    }
    String text = flagged(tag, TextValues.trim(decode(e), e.vr()));
    return text.isEmpty() ? null : text;
  }

  /** The first value of a text element, or null when absent or empty. */
  public String getString(int tag) {
    String[] values = getStrings(tag);
    return values.length == 0 || values[0].isEmpty() ? null : values[0];
  }

  /** All values of a text element (numbers and tags as text for binary VRs). */
  public String[] getStrings(int tag) {
    Element e = elements.get(tag);
    if (e == null || e.bytes() == null) {
      return NO_STRINGS;
    }
    if (e.vr().isText() || e.vr() == VR.UN) {
      return TextValues.split(flagged(tag, decode(e)), e.vr() == VR.UN ? VR.LO : e.vr());
    }
    return BinaryValues.strings(e.bytes(), e.vr(), bigEndian);
  }

  /**
   * All values of a text element joined with backslashes, each without its padding (numbers and
   * tags as text for binary VRs); null when it has none.
   */
  public String getJoined(int tag) {
    Element e = elements.get(tag);
    if (e == null || e.bytes() == null) {
      return null;
    }
    if (e.vr().isText() || e.vr() == VR.UN) {
      return TextValues.joined(flagged(tag, decode(e)), e.vr() == VR.UN ? VR.LO : e.vr());
    }
    String[] values = BinaryValues.strings(e.bytes(), e.vr(), bigEndian);
    return values.length == 0 ? null : String.join("\\", values);
  }

  private String decode(Element e) {
    byte[] bytes = e.bytes();
    if (e.vr().isCharsetDependent()) {
      return charset().decode(bytes, 0, bytes.length, e.vr());
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** The first value as an int (IS, integral DS, or a binary integer VR), or null. */
  public Integer getInt(int tag) {
    int[] values = getInts(tag);
    return values == null || values.length == 0 ? null : values[0];
  }

  /** All values as ints; null when absent or when any value is not an integer. */
  public int[] getInts(int tag) {
    Element e = elements.get(tag);
    if (e == null || e.bytes() == null) {
      return null;
    }
    if (e.vr().isText()) {
      String[] texts = getStrings(tag);
      int[] values = new int[texts.length];
      for (int i = 0; i < texts.length; i++) {
        Integer value = DecimalStrings.parseInteger(texts[i]);
        if (value == null) {
          return null;
        }
        values[i] = value;
      }
      return values;
    }
    return BinaryValues.ints(e.bytes(), e.vr(), bigEndian);
  }

  /** The first value as a double (DS, IS or a binary number VR), or null. */
  public Double getDouble(int tag) {
    double[] values = getDoubles(tag);
    return values == null || values.length == 0 ? null : values[0];
  }

  /** All values as doubles; null when absent or when any value is not a number. */
  public double[] getDoubles(int tag) {
    Element e = elements.get(tag);
    if (e == null || e.bytes() == null) {
      return null;
    }
    if (e.vr().isText()) {
      String[] texts = getStrings(tag);
      double[] values = new double[texts.length];
      for (int i = 0; i < texts.length; i++) {
        Double value = DecimalStrings.parseDecimal(texts[i]);
        if (value == null) {
          return null;
        }
        values[i] = value;
      }
      return values;
    }
    return BinaryValues.doubles(e.bytes(), e.vr(), bigEndian);
  }

  /** DA value, or null when absent or not a valid date. */
  public LocalDate getDate(int tag) {
    String text = getString(tag);
    return text == null ? null : DateTimeValues.parseDate(text);
  }

  /** TM value, or null when absent or not a valid time. */
  public LocalTime getTime(int tag) {
    String text = getString(tag);
    return text == null ? null : DateTimeValues.parseTime(text);
  }

  /** DT value (a UTC offset suffix is dropped), or null when absent or invalid. */
  public LocalDateTime getDateTime(int tag) {
    String text = getString(tag);
    return text == null ? null : DateTimeValues.parseDateTime(text);
  }

  /** The value bytes as stored, or null. */
  public byte[] getBytes(int tag) {
    Element e = elements.get(tag);
    return e == null ? null : e.bytes();
  }

  /** The items of a sequence; empty when absent or not a sequence. */
  public List<DataSet> getSequence(int tag) {
    Element e = elements.get(tag);
    return e == null || !e.isSequence() ? List.of() : Collections.unmodifiableList(e.items());
  }

  // Writing values.

  /** Puts a text element; several values are joined with {@code \}. */
  public DataSet putString(int tag, VR vr, String... values) {
    String joined = String.join("\\", values);
    byte[] bytes = vr.isCharsetDependent() ? charset().encode(joined, vr)
        : joined.getBytes(StandardCharsets.ISO_8859_1);
    putBytes(tag, vr, bytes);
    if (tag == Tag.SpecificCharacterSet) {
      charset = null;
    }
    return this;
  }

  /** Puts integers as IS text or as a binary integer VR. */
  public DataSet putInt(int tag, VR vr, int... values) {
    if (vr.isText()) {
      String[] texts = new String[values.length];
      for (int i = 0; i < values.length; i++) {
        texts[i] = Integer.toString(values[i]);
      }
      return putString(tag, vr, texts);
    }
    return putBytes(tag, vr, BinaryValues.encodeInts(values, vr, bigEndian));
  }

  /** Puts numbers as DS text (at most 16 characters each) or as a binary float VR. */
  public DataSet putDouble(int tag, VR vr, double... values) {
    if (vr.isText()) {
      String[] texts = new String[values.length];
      for (int i = 0; i < values.length; i++) {
        texts[i] = DecimalStrings.format(values[i]);
      }
      return putString(tag, vr, texts);
    }
    return putBytes(tag, vr, BinaryValues.encodeDoubles(values, vr, bigEndian));
  }

  public DataSet putDate(int tag, LocalDate date) {
    return putString(tag, VR.DA, DateTimeValues.formatDate(date));
  }

  public DataSet putTime(int tag, LocalTime time) {
    return putString(tag, VR.TM, DateTimeValues.formatTime(time));
  }

  /** Puts raw value bytes, in this data set's byte order. */
  public DataSet putBytes(int tag, VR vr, byte[] value) {
    put(Element.primitive(tag, vr, value));
    return this;
  }

  /** Puts encapsulated pixel data: the offset table first (may be empty), then fragments. */
  public DataSet putFragments(int tag, VR vr, List<byte[]> fragments) {
    put(Element.encapsulated(tag, vr, new ArrayList<>(fragments)));
    return this;
  }

  public DataSet remove(int tag) {
    elements.remove(tag);
    if (tag == Tag.SpecificCharacterSet) {
      charset = null;
    }
    return this;
  }

  /** Adds an element read from a file; of two with one tag, the first counts, as in dcmtk. */
  private void putFirst(Element element) {
    if (elements.putIfAbsent(element)
        && element.tag() == Tag.SpecificCharacterSet) {
      charset = null;
    }
  }

  private void put(Element element) {
    elements.put(element);
    if (element.tag() == Tag.SpecificCharacterSet) {
      charset = null;
    }
  }

  @Override
  public String toString() {
    return "DataSet" + elements.values();
  }
}
