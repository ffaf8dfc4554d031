package dicomsql.engine.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Splitting a decoded text value into its values and removing the padding each VR declares
 * insignificant (PS3.5 6.2).
 */
final class TextValues {
  private static final String[] NONE = new String[0];

  private TextValues() {}

  /** The values of a whole text value; an empty value has none. */
  static String[] split(String whole, VR vr) {
    if (whole.isEmpty()) {
      return NONE;
    }
    if (!vr.isMultiValuedText() || whole.indexOf('\\') < 0) {
      String value = trim(whole, vr);
      return value.isEmpty() ? NONE : new String[] {value};
    }
    List<String> values = new ArrayList<>();
    int start = 0;
    for (int i = whole.indexOf('\\'); i >= 0; i = whole.indexOf('\\', start)) {
      values.add(trim(whole.substring(start, i), vr));
      start = i + 1;
    }
    values.add(trim(whole.substring(start), vr));
    return values.toArray(NONE);
  }

  /**
   * The values of a whole text value joined again with backslashes, each without its padding:
   * {@code String.join("\\", split(whole, vr))}, or null where that has no values, made
   * without a string for each value.
   */
  static String joined(String whole, VR vr) {
    if (whole.isEmpty()) {
      return null;
    }
    if (!vr.isMultiValuedText() || whole.indexOf('\\') < 0) {
      String value = trim(whole, vr);
      return value.isEmpty() ? null : value;
    }
    StringBuilder joined = null;
    int start = 0;
    while (start <= whole.length()) {
      int end = whole.indexOf('\\', start);
      if (end < 0) {
        end = whole.length();
      }
      int from = start(whole, start, end, vr);
      int to = end(whole, from, end);
      if (joined == null && (from != start || to != end)) {
        joined = new StringBuilder(whole.length()).append(whole, 0, start);
      }
      if (joined != null) {
        joined.append(whole, from, to);
        if (end < whole.length()) {
          joined.append('\\');
        }
      }
      start = end + 1;
    }
    return joined == null ? whole : joined.toString();
  }

  /**
   * Drops insignificant padding: trailing spaces and NULs always; leading spaces too, except
   * for the free-text VRs (ST, LT, UT, UR, UC) where they are part of the text.
   */
  static String trim(String value, VR vr) {
    int start = start(value, 0, value.length(), vr);
    int end = end(value, start, value.length());
    return start == 0 && end == value.length() ? value : value.substring(start, end);
  }

  /** Where the value between {@code start} and {@code end} begins without its padding. */
  private static int start(String value, int start, int end, VR vr) {
    int at = start;
    if (!keepsLeadingSpaces(vr)) {
      while (at < end && value.charAt(at) == ' ') {
        at++;
      }
    }
    return at;
  }

  /** Where the value between {@code start} and {@code end} ends without its padding. */
  private static int end(String value, int start, int end) {
    int at = end;
    while (at > start && (value.charAt(at - 1) == ' ' || value.charAt(at - 1) == '\0')) {
      at--;
    }
    return at;
  }

  private static boolean keepsLeadingSpaces(VR vr) {
    return vr == VR.ST || vr == VR.LT || vr == VR.UT || vr == VR.UR || vr == VR.UC;
  }
}
