package dicomsql.engine.dicom;

import dicomsql.engine.dicom.ElementTree.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Our reader's view of a file as an {@link ElementTree}, values printed the way dcmdump does. */
final class ReaderTree {
  private ReaderTree() {}

  /** The reader's remaining tokens, with the lengths the file declares. */
  static List<Node> of(DicomReader reader) throws DicomException {
    List<Node> roots = new ArrayList<>();
    Deque<Node> open = new ArrayDeque<>();
    for (DicomReader.Token token = reader.next(); token != DicomReader.Token.END;
        token = reader.next()) {
      List<Node> siblings = open.isEmpty() ? roots : open.peek().children();
      switch (token) {
        case ELEMENT -> siblings.add(Node.leaf(element(reader.tag(), reader.vr(),
            reader.length(), reader.value(), reader.bigEndian(), (byte) 0)));
        case FRAGMENT -> siblings.add(Node.leaf(
            "fragment #" + reader.length() + " " + hex(reader.value(), 1, false)));
        case SEQUENCE_START -> {
          Node node = Node.container(tag(reader.tag()) + " " + reader.vr() + " #"
              + length(reader.length()) + (reader.isFragments() ? " fragments" : " items"));
          siblings.add(node);
          open.push(node);
        }
        case ITEM_START -> {
          Node node = Node.container("item #" + length(reader.length()));
          siblings.add(node);
          open.push(node);
        }
        case ITEM_END -> inTagOrder(open.pop().children());
        case SEQUENCE_END -> open.pop();
        default -> throw new AssertionError(token);
      }
    }
    inTagOrder(roots);
    return roots;
  }

  /**
   * Elements as dcmtk holds them: in tag order, and of two with the same tag only the first.
   */
  private static void inTagOrder(List<Node> elements) {
    Set<String> seen = new HashSet<>();
    elements.removeIf(node -> !seen.add(node.text().substring(0, 11)));
    elements.sort(Comparator.comparing(node -> node.text().substring(0, 11)));
  }

  /**
   * An in-memory data set as read; sequences and items print as of undefined length, odd-length
   * values padded with a NUL as dcmtk does on reading.
   */
  static List<Node> of(DataSet dataSet) {
    return of(dataSet, false);
  }

  /** An in-memory data set as our writer writes it: odd-length values padded per their VR. */
  static List<Node> written(DataSet dataSet) {
    return of(dataSet, true);
  }

  private static List<Node> of(DataSet dataSet, boolean padPerVr) {
    List<Node> nodes = new ArrayList<>();
    for (Element e : dataSet) {
      if (e.isSequence()) {
        Node sequence = Node.container(tag(e.tag()) + " SQ #u/l items");
        for (DataSet item : e.items()) {
          Node itemNode = Node.container("item #u/l");
          itemNode.children().addAll(of(item, padPerVr));
          sequence.children().add(itemNode);
        }
        nodes.add(sequence);
      } else if (e.isEncapsulated()) {
        Node pixels = Node.container(tag(e.tag()) + " " + e.vr() + " #u/l fragments");
        for (byte[] fragment : e.fragments()) {
          pixels.children().add(Node.leaf(
              "fragment #" + fragment.length + " " + hex(fragment, 1, false)));
        }
        nodes.add(pixels);
      } else {
        nodes.add(Node.leaf(element(e.tag(), e.vr(), e.length(), e.bytes(),
            dataSet.isBigEndian(), padPerVr ? e.vr().padding() : (byte) 0)));
      }
    }
    return nodes;
  }

  private static String tag(int tag) {
    return Tag.toString(tag);
  }

  private static String length(long length) {
    return length < 0 ? "u/l" : Long.toString(length);
  }

  /** An element line; an odd-length value is padded first, dcmtk padding with a NUL. */
  private static String element(int tag, VR vr, long length, byte[] value, boolean bigEndian,
      byte padding) {
    if ((value.length & 1) == 1) {
      value = Arrays.copyOf(value, value.length + 1);
      value[value.length - 1] = padding;
      length++;
    }
    return ElementTree.elementText(tag(tag), vr.name(), length(length),
        value(vr, value, bigEndian));
  }

  static String value(VR vr, byte[] bytes, boolean bigEndian) {
    if (bytes.length == 0) {
      return ElementTree.NO_VALUE;
    }
    if (vr.isText()) {
      return ElementTree.text(new String(bytes, StandardCharsets.ISO_8859_1), vr == VR.UI);
    }
    switch (vr) {
      case OB:
      case UN:
        return hex(bytes, 1, bigEndian);
      case OW:
        return hex(bytes, 2, bigEndian);
      case FL:
      case OF:
        return decimals(BinaryValues.doubles(bytes, vr, bigEndian), true);
      case FD:
      case OD:
        return decimals(BinaryValues.doubles(bytes, vr, bigEndian), false);
      case AT:
        return tags(bytes, bigEndian);
      default:
        String[] numbers = BinaryValues.strings(bytes, vr, bigEndian);
        return numbers.length == 0 ? ElementTree.NO_VALUE : String.join("\\", numbers);
    }
  }

  private static String decimals(double[] values, boolean single) {
    List<String> texts = new ArrayList<>();
    for (double value : values) {
      texts.add(ElementTree.decimal(value, single));
    }
    return texts.isEmpty() ? ElementTree.NO_VALUE : String.join("\\", texts);
  }

  private static String tags(byte[] bytes, boolean bigEndian) {
    List<String> texts = new ArrayList<>();
    for (int at = 0; at + 4 <= bytes.length; at += 4) {
      int group = Bytes.shortAt(bytes, at, bigEndian);
      int element = Bytes.shortAt(bytes, at + 2, bigEndian);
      texts.add(Tag.toString(Tag.of(group, element)).toLowerCase(Locale.ROOT));
    }
    return String.join("\\", texts);
  }

  /** Bytes or 16-bit words in lower-case hex, separated by backslashes, as dcmdump prints. */
  static String hex(byte[] bytes, int unit, boolean bigEndian) {
    if (bytes.length == 0) {
      return ElementTree.NO_VALUE;
    }
    StringBuilder text = new StringBuilder(bytes.length * 3);
    for (int at = 0; at + unit <= bytes.length; at += unit) {
      if (at > 0) {
        text.append('\\');
      }
      int value = unit == 1 ? bytes[at] & 0xFF : Bytes.shortAt(bytes, at, bigEndian);
      String digits = Integer.toHexString(value);
      for (int pad = digits.length(); pad < unit * 2; pad++) {
        text.append('0');
      }
      text.append(digits);
    }
    return text.toString();
  }
}
