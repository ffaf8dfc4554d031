package dicomsql.engine.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Every data element of a file, nested ones included, as rows of text: where it sits
 * ({@code 30060039[0].30060040[2].30060050}), its tag, keyword, VR and value. Text values are
 * decoded with their character set, numbers written out, several values joined with {@code \};
 * opaque binary values (OB, OW, OF, OD, OL, OV, UN) are shown as their length only.
 */
public final class ElementListing {
  /** One element; {@code value} is null for sequences. */
  public record Row(String tagPath, int tag, String keyword, VR vr, String value) {}

  /** Takes rows; returns false to stop reading the file. */
  public interface Sink {
    boolean accept(Row row) throws IOException;
  }

  private ElementListing() {}

  /** Lists a file's elements; the file meta group comes first. */
  public static void list(Path file, Sink sink) throws IOException {
    try (DicomReader reader = DicomReader.open(file, ReadOptions.all())) {
      for (Element element : reader.fileMeta()) {
        Row row = new Row(Tag.toHex(element.tag()), element.tag(),
            DataDictionary.keyword(element.tag()), element.vr(),
            value(element.vr(), element.bytes(), false, SpecificCharacterSet.DEFAULT));
        if (!sink.accept(row)) {
          return;
        }
      }
      list(reader, sink);
    }
  }

  private static void list(DicomReader reader, Sink sink) throws IOException {
    Deque<String> sequences = new ArrayDeque<>();
    Deque<int[]> items = new ArrayDeque<>();
    String prefix = "";
    for (DicomReader.Token token = reader.next(); token != DicomReader.Token.END;
        token = reader.next()) {
      switch (token) {
        case ELEMENT -> {
          Row row = new Row(prefix + Tag.toHex(reader.tag()), reader.tag(),
              DataDictionary.keyword(reader.tag()), reader.vr(), value(reader));
          if (!sink.accept(row)) {
            return;
          }
        }
        case SEQUENCE_START -> {
          String path = prefix + Tag.toHex(reader.tag());
          String value = reader.isFragments() ? "(encapsulated pixel data)" : null;
          if (!sink.accept(new Row(path, reader.tag(), DataDictionary.keyword(reader.tag()),
              reader.vr(), value))) {
            return;
          }
          sequences.push(prefix);
          items.push(new int[] {-1});
          prefix = path;
        }
        case ITEM_START -> {
          int index = ++items.element()[0];
          sequences.push(prefix);
          prefix = prefix + "[" + index + "].";
        }
        case ITEM_END -> prefix = sequences.pop();
        case SEQUENCE_END -> {
          items.pop();
          prefix = sequences.pop();
        }
        default -> {
          // Fragments of encapsulated pixel data are not elements: nothing to list.
        }
      }
    }
  }

  private static String value(DicomReader reader) throws DicomException {
    VR vr = reader.vr();
    if (isOpaque(vr)) {
      return "(" + reader.length() + " bytes)";
    }
    return value(vr, reader.value(), reader.bigEndian(), reader.charset());
  }

  private static boolean isOpaque(VR vr) {
    return vr == VR.OB || vr == VR.OW || vr == VR.OF || vr == VR.OD || vr == VR.OL
        || vr == VR.OV || vr == VR.UN;
  }

  private static String value(VR vr, byte[] bytes, boolean bigEndian,
      SpecificCharacterSet charset) {
    if (isOpaque(vr)) {
      return "(" + bytes.length + " bytes)";
    }
    if (vr.isText()) {
      String whole = vr.isCharsetDependent() ? charset.decode(bytes, 0, bytes.length, vr)
          : new String(bytes, StandardCharsets.ISO_8859_1);
      return String.join("\\", TextValues.split(whole, vr));
    }
    return String.join("\\", BinaryValues.strings(bytes, vr, bigEndian));
  }
}
