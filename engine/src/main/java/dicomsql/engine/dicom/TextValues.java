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
   * Drops insignificant padding: trailing spaces and NULs always; leading spaces too, except
   * for the free-text VRs (ST, LT, UT, UR, UC) where they are part of the text.
   */
  static String trim(String value, VR vr) {
    int end = value.length();
    while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
      end--;
    }
    int start = 0;
    if (!keepsLeadingSpaces(vr)) {
      while (start < end && value.charAt(start) == ' ') {
        start++;
      }
    }
    return start == 0 && end == value.length() ? value : value.substring(start, end);
  }

  private static boolean keepsLeadingSpaces(VR vr) {
    return vr == VR.ST || vr == VR.LT || vr == VR.UT || vr == VR.UR || vr == VR.UC;
  }
}
