package dicomsql.engine.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A data set as indented lines in dcmdump's terms (tag, VR, length, value, and the number of
 * items or elements a sequence or item holds), the form in which two readers' views are compared.
 */
final class ElementTree {
  private ElementTree() {}

  /** One element, item or fragment; containers print how many children they have. */
  record Node(String text, boolean container, List<Node> children) {
    static Node leaf(String text) {
      return new Node(text, false, List.of());
    }

    static Node container(String text) {
      return new Node(text, true, new ArrayList<>());
    }
  }

  /** The tree as lines, two spaces of indent per level. */
  static List<String> lines(List<Node> nodes) {
    List<String> lines = new ArrayList<>();
    addLines(nodes, "", lines);
    return lines;
  }

  private static void addLines(List<Node> nodes, String indent, List<String> lines) {
    for (Node node : nodes) {
      lines.add(indent + node.text() + (node.container() ? " #=" + node.children().size() : ""));
      addLines(node.children(), indent + "  ", lines);
    }
  }

  /** The lines with sequence and item lengths left out, for trees that do not keep them. */
  static List<String> withoutContainerLengths(List<String> lines) {
    List<String> result = new ArrayList<>();
    for (String line : lines) {
      result.add(line.replaceAll("^( *(\\(\\S+\\) \\S\\S |item ))#\\d+( items| fragments| #=)",
          "$1#u/l$3"));
    }
    return result;
  }

  static String elementText(String tag, String vr, String length, String value) {
    return tag.toUpperCase(Locale.ROOT) + " " + vr + " #" + length + " " + value;
  }

  /** An empty value, as dcmdump says it. */
  static final String NO_VALUE = "(no value available)";

  /**
   * A text value as dcmdump {@code +Qo} prints it: trailing spaces dropped (and NULs, for UI),
   * control and non-ASCII characters as three octal digits after a backslash.
   */
  static String text(String raw, boolean nulPadded) {
    int end = raw.length();
    while (end > 0 && (raw.charAt(end - 1) == ' ' || nulPadded && raw.charAt(end - 1) == '\0')) {
      end--;
    }
    if (end == 0) {
      return NO_VALUE;
    }
    StringBuilder quoted = new StringBuilder("[");
    for (int i = 0; i < end; i++) {
      char c = raw.charAt(i);
      if (c < 32 || c >= 127) {
        quoted.append('\\').append(String.format("%03o", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append(']').toString();
  }

  /**
   * An FL (single) or FD value in one canonical form. dcmtk prints enough digits (9 and 17) for
   * its text to parse back to the very same float or double, so equal forms mean equal bits.
   */
  static String decimal(double value, boolean single) {
    if (value == 0) {
      return "0.0"; // dcmtk prints -0 as 0
    }
    return single ? Float.toString((float) value) : Double.toString(value);
  }
}
