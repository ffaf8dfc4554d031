package dicomsql.shell;

/**
 * Values as a table shows them to people: a control character (an escape sequence in a file
 * name, a line break in a comment) is written as a visible escape, so that it can neither move
 * the cursor nor recolour the terminal, and one value stays on one line.
 */
final class Cells {
  private Cells() {}

  static String visible(String value) {
    StringBuilder shown = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean control = c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0;
      if (control && shown == null) {
        shown = new StringBuilder(value.length() + 8).append(value, 0, i);
      }
      if (!control) {
        if (shown != null) {
          shown.append(c);
        }
        continue;
      }
      switch (c) {
        case '\n' -> shown.append("\\n");
        case '\r' -> shown.append("\\r");
        case '\t' -> shown.append("\\t");
        default -> shown.append(String.format("\\x%02x", (int) c));
      }
    }
    return shown == null ? value : shown.toString();
  }
}
