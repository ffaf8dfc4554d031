package dicomsql.engine.dicom;

import java.util.List;

/**
 * One data element of an in-memory {@link DataSet}: its tag and VR with either the value bytes
 * as stored, the items of a sequence, or the fragments of encapsulated pixel data.
 */
public final class Element {
  private final int tag;
  private final VR vr;
  private final byte[] value;
  private final List<DataSet> items;
  private final List<byte[]> fragments;

  private Element(int tag, VR vr, byte[] value, List<DataSet> items, List<byte[]> fragments) {
    this.tag = tag;
    this.vr = vr;
    this.value = value;
    this.items = items;
    this.fragments = fragments;
  }

  static Element primitive(int tag, VR vr, byte[] value) {
    return new Element(tag, vr, value, null, null);
  }

  static Element sequence(int tag, List<DataSet> items) {
    return new Element(tag, VR.SQ, null, items, null);
  }

  static Element encapsulated(int tag, VR vr, List<byte[]> fragments) {
    return new Element(tag, vr, null, null, fragments);
  }

  public int tag() {
    return tag;
  }

  public VR vr() {
    return vr;
  }

  public boolean isSequence() {
    return items != null;
  }

  /** Whether this is encapsulated pixel data: fragments, the first being the offset table. */
  public boolean isEncapsulated() {
    return fragments != null;
  }

  /** The value bytes as stored (byte order of the owning data set); null for sequences. */
  public byte[] bytes() {
    return value;
  }

  /** The items of a sequence (live list); null when this is not a sequence. */
  public List<DataSet> items() {
    return items;
  }

  /** The fragments of encapsulated pixel data (live list); null otherwise. */
  public List<byte[]> fragments() {
    return fragments;
  }

  /** Value length in bytes as stored, or -1 for sequences and fragments. */
  public int length() {
    return value == null ? -1 : value.length;
  }

  @Override
  public String toString() {
    return Tag.toString(tag) + " " + vr + (value != null ? " #" + value.length
        : items != null ? " " + items.size() + " items" : " " + fragments.size() + " fragments");
  }
}
