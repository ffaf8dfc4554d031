package dicomsql.engine.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * The length and form rules of PS3.5 6.2 that values are checked against, to report, never to
 * reject: real files break them (de-identified Accession Numbers are longer than SH's 16
 * characters) and their values read all the same.
 */
public final class ValueRules {
  private ValueRules() {}

  /** Every value of the data set and its items that breaks a rule, in tag order. */
  public static List<ValueProblem> check(DataSet dataSet) {
    List<ValueProblem> problems = new ArrayList<>();
    check(dataSet, "", problems);
    return problems;
  }

  private static void check(DataSet dataSet, String prefix, List<ValueProblem> problems) {
    for (Element e : dataSet) {
      String path = prefix + Tag.toString(e.tag());
      if (e.isSequence()) {
        List<DataSet> items = e.items();
        for (int i = 0; i < items.size(); i++) {
          check(items.get(i), path + "[" + i + "].", problems);
        }
      } else if (!e.isEncapsulated()) {
        String problem = problem(dataSet, e);
        if (problem != null) {
          problems.add(new ValueProblem(path, e.tag(), e.vr(), problem));
        }
      }
    }
  }

  private static String problem(DataSet dataSet, Element e) {
    VR vr = e.vr();
    if (vr.kind() == VR.Kind.BINARY) {
      int unit = vr == VR.OB || vr == VR.UN ? 1 : vr.unitSize();
      return e.length() % unit == 0 ? null
          : "length " + e.length() + " is not a multiple of " + unit;
    }
    if (!vr.isText() || vr.maxLength() == 0) {
      return null;
    }
    for (String value : dataSet.getStrings(e.tag())) {
      String problem = problem(vr, value);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String problem(VR vr, String value) {
    switch (vr) {
      case DA:
        // A date is YYYYMMDD; the retired YYYY.MM.DD of ACR-NEMA counts as a problem too.
        return value.isEmpty() || value.length() == 8 && isDigits(value) ? null
            : "DA value '" + value + "' is not 8 digits (YYYYMMDD)";
      case AS:
        return value.isEmpty() || value.length() == 4 ? null
            : "AS value '" + value + "' is not 4 characters (nnnD, nnnW, nnnM or nnnY)";
      case PN:
        for (String group : value.split("=", -1)) {
          if (group.length() > vr.maxLength()) {
            return "PN component group of " + group.length() + " characters, more than "
                + vr.maxLength();
          }
        }
        return null;
      default:
        return value.length() <= vr.maxLength() ? null
            : vr + " value of " + value.length() + " characters, more than " + vr.maxLength();
    }
  }

  private static boolean isDigits(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
