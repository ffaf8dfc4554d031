package dicomsql.engine.dicom;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The charset-dependent text elements of a data set, sequences included, keyed by their path
 * as {@code pydicom_text.py} prints it, e.g. {@code (0032,1064)[0].(0010,0010)}, each with its
 * values joined by a backslash.
 */
final class TextElements {
  private TextElements() {}

  static Map<String, String> of(DataSet dataSet) {
    Map<String, String> texts = new TreeMap<>();
    collect(dataSet, "", false, texts);
    return texts;
  }

  /**
   * The text with the empty trailing component groups of person names dropped, as pydicom
   * drops them: {@code Wang^XiaoDong=王^小東=} becomes {@code Wang^XiaoDong=王^小東}.
   */
  static Map<String, String> asPydicomShowsThem(DataSet dataSet) {
    Map<String, String> texts = new TreeMap<>();
    collect(dataSet, "", true, texts);
    return texts;
  }

  private static void collect(DataSet dataSet, String prefix, boolean pydicom,
      Map<String, String> texts) {
    for (Element element : dataSet) {
      String key = prefix
          + String.format("(%04X,%04X)", element.tag() >>> 16, element.tag() & 0xFFFF);
      if (element.isSequence()) {
        List<DataSet> items = dataSet.getSequence(element.tag());
        for (int i = 0; i < items.size(); i++) {
          collect(items.get(i), key + "[" + i + "].", pydicom, texts);
        }
      } else if (element.vr().isCharsetDependent()) {
        String text = String.join("\\", dataSet.getStrings(element.tag()));
        boolean trim = pydicom && element.vr() == VR.PN;
        texts.put(key, trim ? text.replaceAll("=+(?=\\\\|$)", "") : text);
      }
    }
  }
}
