package dicomsql.engine.dicom;

import dicomsql.engine.dicom.ElementTree.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/** dcmdump's printout of a file parsed into {@link ElementTree} nodes: meta group and data set. */
final class DcmdumpTree {
  private final List<Node> meta = new ArrayList<>();
  private final List<Node> dataSet = new ArrayList<>();

  private DcmdumpTree() {}

  List<Node> meta() {
    return meta;
  }

  List<Node> dataSet() {
    return dataSet;
  }

  /** Parses the output of {@code dcmdump -Un +L +Qo}. */
  static DcmdumpTree parse(String dump) {
    DcmdumpTree tree = new DcmdumpTree();
    List<Node> roots = tree.dataSet;
    Deque<Node> open = new ArrayDeque<>();
    for (String line : dump.split("\n")) {
      if (line.startsWith("# Dicom-Meta-Information-Header")) {
        roots = tree.meta;
        continue;
      }
      if (line.startsWith("# Dicom-Data-Set")) {
        roots = tree.dataSet;
        continue;
      }
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      int indent = 0;
      while (line.charAt(indent) == ' ') {
        indent++;
      }
      int level = indent / 2;
      while (open.size() > level) {
        open.pop();
      }
      String tag = line.substring(indent, indent + 11);
      if (tag.equals("(fffe,e00d)") || tag.equals("(fffe,e0dd)")) {
        continue;
      }
      Node node;
      try {
        node = node(tag, line.substring(indent + 12));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cannot parse dcmdump line: " + line, e);
      }
      (open.isEmpty() ? roots : open.peek().children()).add(node);
      if (node.container()) {
        open.push(node);
      }
    }
    return tree;
  }

  private static Node node(String tag, String rest) {
    String vr = rest.substring(0, 2);
    int hash = rest.lastIndexOf('#');
    String value = rest.substring(3, hash).stripTrailing();
    String trailer = rest.substring(hash + 1).trim();
    String length = trailer.substring(0, trailer.indexOf(','));
    if (tag.equals("(fffe,e000)")) {
      if (vr.equals("pi")) {
        return Node.leaf("fragment #" + length + " " + value);
      }
      return Node.container("item #" + length);
    }
    if (value.startsWith("(Sequence with") || value.startsWith("(PixelSequence")) {
      String kind = value.startsWith("(Pixel") ? "fragments" : "items";
      return Node.container(tag.toUpperCase(Locale.ROOT) + " " + vr + " #" + length + " " + kind);
    }
    vr = switch (vr) {
      // dcmtk's names for VRs it has not pinned down, as our DataDictionary reads them.
      case "??" -> "UN";
      case "up" -> "UL";
      case "xs" -> "US";
      case "ox", "lt" -> "OW";
      default -> vr;
    };
    return Node.leaf(ElementTree.elementText(tag, vr, length, canonical(vr, value)));
  }

  /** Values whose printed form depends on formatting choices, brought to one form. */
  private static String canonical(String vr, String value) {
    boolean single = vr.equals("FL") || vr.equals("OF");
    if (!single && !vr.equals("FD") && !vr.equals("OD") || value.equals(ElementTree.NO_VALUE)) {
      return value;
    }
    List<String> numbers = new ArrayList<>();
    for (String number : value.split("\\\\")) {
      numbers.add(ElementTree.decimal(number(number), single));
    }
    return String.join("\\", numbers);
  }

  private static double number(String number) {
    switch (number.toLowerCase(Locale.ROOT)) {
      case "nan":
      case "-nan":
        return Double.NaN;
      case "inf":
        return Double.POSITIVE_INFINITY;
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(number);
    }
  }
}
