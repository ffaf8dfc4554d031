package dicomsql.engine.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Data set bytes written element by element, for what our writer will not write: odd lengths,
 * UN of undefined length (CP-246), wrong encodings, damage.
 */
final class ElementBytes {
  private final ByteSink sink;
  private final boolean explicitVr;

  ElementBytes(boolean explicitVr, boolean bigEndian) {
    this.sink = new ByteSink(256, bigEndian);
    this.explicitVr = explicitVr;
  }

  /** An element with exactly these value bytes; an odd length stays odd. */
  ElementBytes element(int tag, VR vr, byte[] value) {
    header(tag, vr, value.length);
    sink.put(value);
    return this;
  }

  ElementBytes text(int tag, VR vr, String value) {
    return element(tag, vr, value.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The header of a sequence (SQ, or UN for CP-246) of undefined length. */
  ElementBytes sequence(int tag, VR vr) {
    header(tag, vr, -1);
    return this;
  }

  ElementBytes item() {
    return item(-1);
  }

  /** An item header declaring {@code length} bytes (-1 for undefined). */
  ElementBytes item(int length) {
    sink.putTag(Tag.Item);
    sink.putInt(length);
    return this;
  }

  ElementBytes itemEnd() {
    sink.putTag(Tag.ItemDelimitationItem);
    sink.putInt(0);
    return this;
  }

  ElementBytes sequenceEnd() {
    sink.putTag(Tag.SequenceDelimitationItem);
    sink.putInt(0);
    return this;
  }

  ElementBytes raw(byte[] bytes) {
    sink.put(bytes);
    return this;
  }

  /** A header with this length (-1 for undefined) and no value. */
  ElementBytes header(int tag, VR vr, int length) {
    sink.putTag(tag);
    if (!explicitVr) {
      sink.putInt(length);
    } else if (vr.hasLongHeader()) {
      sink.putShortBE(vr.code());
      sink.putShort(0);
      sink.putInt(length);
    } else {
      sink.putShortBE(vr.code());
      sink.putShort(length);
    }
    return this;
  }

  byte[] bytes() {
    return sink.toByteArray();
  }

  /** A Part 10 file: preamble, file meta group for {@code syntax}, then {@code dataSet} as is. */
  static byte[] part10(TransferSyntax syntax, byte[] dataSet) {
    ElementBytes meta = new ElementBytes(true, false)
        .element(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1})
        .text(Tag.MediaStorageSOPClassUID, VR.UI, even(SampleInstances.CT_IMAGE_STORAGE))
        .text(Tag.MediaStorageSOPInstanceUID, VR.UI, even(SampleInstances.CT_INSTANCE))
        .text(Tag.TransferSyntaxUID, VR.UI, even(syntax.uid()))
        .text(Tag.ImplementationClassUID, VR.UI, even(DicomWriter.IMPLEMENTATION_CLASS_UID));
    byte[] group = meta.bytes();
    byte[] length = new byte[4];
    Bytes.putIntLE(length, 0, group.length);
    byte[] start = new ElementBytes(true, false)
        .raw(new byte[128])
        .raw("DICM".getBytes(StandardCharsets.US_ASCII))
        .element(Tag.FileMetaInformationGroupLength, VR.UL, length)
        .raw(group)
        .bytes();
    return concat(start, syntax.deflated() ? deflate(dataSet) : dataSet);
  }

  private static String even(String uid) {
    return (uid.length() & 1) == 1 ? uid + "\0" : uid;
  }

  static byte[] deflate(byte[] bytes) {
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    try (DeflaterOutputStream out =
        new DeflaterOutputStream(deflated, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deflated.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
