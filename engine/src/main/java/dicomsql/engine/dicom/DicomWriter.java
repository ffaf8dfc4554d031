package dicomsql.engine.dicom;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Writes data sets as Part 10 files (preamble, {@code DICM}, file meta group) or as raw data
 * sets, in implicit or explicit VR little endian, explicit VR big endian or deflated explicit VR
 * little endian, with sequences of defined or undefined length.
 */
public final class DicomWriter {
  /** dicomsql's implementation class UID: a UUID-derived root (PS3.5 B.2). */
  public static final String IMPLEMENTATION_CLASS_UID =
      "2.25.127216383645245328097932612004296731985";
  public static final String IMPLEMENTATION_VERSION_NAME = "DICOMSQL_0_1";

  private static final byte[] PREAMBLE_AND_PREFIX = preambleAndPrefix();

  private String implementationClassUid = IMPLEMENTATION_CLASS_UID;
  private String implementationVersionName = IMPLEMENTATION_VERSION_NAME;
  private boolean undefinedLengthSequences;

  private static byte[] preambleAndPrefix() {
    byte[] bytes = new byte[132];
    bytes[128] = 'D';
    bytes[129] = 'I';
    bytes[130] = 'C';
    bytes[131] = 'M';
    return bytes;
  }

  /** The implementation class UID and version name the file meta group names. */
  public DicomWriter implementation(String classUid, String versionName) {
    this.implementationClassUid = classUid;
    this.implementationVersionName = versionName;
    return this;
  }

  /** Whether sequences and items are written with undefined length and delimiters. */
  public DicomWriter undefinedLengthSequences(boolean undefined) {
    this.undefinedLengthSequences = undefined;
    return this;
  }

  /** Writes a Part 10 file; its file meta group is made from the data set's SOP UIDs. */
  public void write(Path file, DataSet dataSet, TransferSyntax syntax) throws IOException {
    Files.write(file, toBytes(dataSet, syntax));
  }

  public void write(OutputStream out, DataSet dataSet, TransferSyntax syntax) throws IOException {
    out.write(toBytes(dataSet, syntax));
  }

  /** The bytes of a Part 10 file. */
  public byte[] toBytes(DataSet dataSet, TransferSyntax syntax) {
    ByteSink sink = new ByteSink(4096, false);
    sink.put(PREAMBLE_AND_PREFIX);
    writeFileMeta(sink, fileMeta(dataSet, syntax));
    byte[] body = dataSetBytes(dataSet, syntax);
    if (syntax.deflated()) {
      body = deflate(body);
    }
    sink.put(body);
    return sink.toByteArray();
  }

  /** The bytes of the data set alone, with no preamble or file meta group. */
  public byte[] dataSetBytes(DataSet dataSet, TransferSyntax syntax) {
    ByteSink sink = new ByteSink(4096, syntax.bigEndian());
    writeElements(sink, dataSet, syntax.explicitVr());
    return sink.toByteArray();
  }

  private DataSet fileMeta(DataSet dataSet, TransferSyntax syntax) {
    DataSet meta = new DataSet();
    meta.putBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
    meta.putString(Tag.MediaStorageSOPClassUID, VR.UI, nonNull(dataSet, Tag.SOPClassUID));
    meta.putString(Tag.MediaStorageSOPInstanceUID, VR.UI, nonNull(dataSet, Tag.SOPInstanceUID));
    meta.putString(Tag.TransferSyntaxUID, VR.UI, syntax.uid());
    meta.putString(Tag.ImplementationClassUID, VR.UI, implementationClassUid);
    meta.putString(Tag.ImplementationVersionName, VR.SH, implementationVersionName);
    return meta;
  }

  private static String nonNull(DataSet dataSet, int tag) {
    String value = dataSet.getString(tag);
    return value == null ? "" : value;
  }

  private void writeFileMeta(ByteSink sink, DataSet meta) {
    ByteSink group = new ByteSink(256, false);
    for (Element element : meta) {
      writePrimitive(group, element, false, true);
    }
    byte[] body = group.toByteArray();
    sink.putTag(Tag.FileMetaInformationGroupLength);
    sink.putShortBE(VR.UL.code());
    sink.putShort(4);
    sink.putInt(body.length);
    sink.put(body);
  }

  private void writeElements(ByteSink sink, DataSet dataSet, boolean explicitVr) {
    for (Element element : dataSet) {
      if (isLeftOut(element.tag())) {
        continue;
      }
      if (element.isSequence()) {
        writeSequence(sink, element, explicitVr);
      } else if (element.isEncapsulated()) {
        writeFragments(sink, element, explicitVr);
      } else {
        writePrimitive(sink, element, dataSet.isBigEndian(), explicitVr);
      }
    }
  }

  private static void writePrimitive(ByteSink sink, Element element, boolean bigEndian,
      boolean explicitVr) {
    byte[] value = inByteOrder(element, bigEndian, sink.bigEndian());
    VR vr = element.vr();
    int padded = value.length + (value.length & 1);
    if (explicitVr && !vr.hasLongHeader() && padded > 0xFFFF) {
      vr = VR.UN;
    }
    writeHeader(sink, element.tag(), vr, padded, explicitVr);
    sink.put(value);
    if ((value.length & 1) == 1) {
      sink.putByte(vr.padding());
    }
  }

  /**
   * Group 0002 belongs to the file meta group, which is made here, not copied; group lengths
   * (gggg,0000) are retired outside it (PS3.5 7.2) and would be stale after any change.
   */
  private static boolean isLeftOut(int tag) {
    return Tag.group(tag) == 0x0002 || Tag.element(tag) == 0;
  }

  private void writeSequence(ByteSink sink, Element sequence, boolean explicitVr) {
    long undefined = 0xFFFFFFFFL;
    writeHeader(sink, sequence.tag(), VR.SQ, undefined, explicitVr);
    int sequenceLength = sink.size() - 4;
    // In implicit VR only the dictionary tells a reader that an element is a sequence. For one it
    // does not know as such (a private one), the undefined length is what tells: with a defined
    // length dcmtk and we would read the items back as opaque UN bytes.
    boolean undefinedLength = undefinedLengthSequences
        || !explicitVr && DataDictionary.vr(sequence.tag()) != VR.SQ;
    for (DataSet item : sequence.items()) {
      sink.putTag(Tag.Item);
      sink.putInt(-1);
      int itemLength = sink.size() - 4;
      writeElements(sink, item, explicitVr);
      if (undefinedLengthSequences) {
        sink.putTag(Tag.ItemDelimitationItem);
        sink.putInt(0);
      } else {
        sink.patchInt(itemLength, sink.size() - itemLength - 4);
      }
    }
    if (undefinedLength) {
      sink.putTag(Tag.SequenceDelimitationItem);
      sink.putInt(0);
    } else {
      sink.patchInt(sequenceLength, sink.size() - sequenceLength - 4);
    }
  }

  private void writeFragments(ByteSink sink, Element pixels, boolean explicitVr) {
    // Encapsulated pixel data is OB whatever VR it was given (PS3.5 A.4).
    writeHeader(sink, pixels.tag(), VR.OB, 0xFFFFFFFFL, explicitVr);
    for (byte[] fragment : pixels.fragments()) {
      sink.putTag(Tag.Item);
      sink.putInt(fragment.length + (fragment.length & 1));
      sink.put(fragment);
      if ((fragment.length & 1) == 1) {
        sink.putByte((byte) 0);
      }
    }
    sink.putTag(Tag.SequenceDelimitationItem);
    sink.putInt(0);
  }

  private static void writeHeader(ByteSink sink, int tag, VR vr, long length, boolean explicitVr) {
    sink.putTag(tag);
    if (!explicitVr) {
      sink.putInt((int) length);
    } else if (vr.hasLongHeader()) {
      sink.putShortBE(vr.code());
      sink.putShort(0);
      sink.putInt((int) length);
    } else {
      sink.putShortBE(vr.code());
      sink.putShort((int) length);
    }
  }

  /** The value bytes swapped unit by unit when the data set and the output differ in order. */
  private static byte[] inByteOrder(Element element, boolean from, boolean to) {
    VR vr = element.vr();
    int unit = vr == VR.AT ? 2 : vr.unitSize();
    byte[] value = element.bytes();
    if (from == to || vr.kind() != VR.Kind.BINARY || unit < 2 || vr == VR.UN) {
      return value;
    }
    byte[] swapped = Arrays.copyOf(value, value.length);
    for (int at = 0; at + unit <= swapped.length; at += unit) {
      for (int i = 0; i < unit / 2; i++) {
        byte b = swapped[at + i];
        swapped[at + i] = swapped[at + unit - 1 - i];
        swapped[at + unit - 1 - i] = b;
      }
    }
    return swapped;
  }

  private static byte[] deflate(byte[] body) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(body);
    deflater.finish();
    ByteSink out = new ByteSink(body.length / 2 + 64, false);
    byte[] chunk = new byte[8192];
    while (!deflater.finished()) {
      int n = deflater.deflate(chunk);
      out.put(Arrays.copyOf(chunk, n));
    }
    deflater.end();
    byte[] bytes = out.toByteArray();
    // The deflated stream is padded to even length, as PS3.5 A.5 asks.
    return (bytes.length & 1) == 0 ? bytes : Arrays.copyOf(bytes, bytes.length + 1);
  }
}
