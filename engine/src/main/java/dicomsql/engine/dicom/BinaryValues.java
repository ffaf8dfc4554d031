package dicomsql.engine.dicom;

/**
 * Numbers of the binary VRs (US, SS, UL, SL, UV, SV, FL, FD, OF, OD, OL, AT) to and from bytes in
 * either byte order. OB and OW read as unsigned bytes and words but have no text form; UN and OV
 * have no numbers.
 */
final class BinaryValues {
  private static final String[] NONE = new String[0];

  private BinaryValues() {}

  private static boolean isNumeric(VR vr) {
    switch (vr) {
      case US:
      case SS:
      case UL:
      case SL:
      case UV:
      case SV:
      case FL:
      case FD:
      case OF:
      case OD:
      case OL:
      case AT:
        return true;
      default:
        return false;
    }
  }

  private static boolean hasNumbers(VR vr) {
    return isNumeric(vr) || vr == VR.OB || vr == VR.OW;
  }

  private static int count(byte[] bytes, VR vr) {
    return hasNumbers(vr) ? bytes.length / vr.unitSize() : 0;
  }

  private static double number(byte[] b, int i, VR vr, boolean be) {
    int at = i * vr.unitSize();
    switch (vr) {
      case OB:
        return b[at] & 0xFF;
      case US:
      case OW:
        return Bytes.shortAt(b, at, be);
      case SS:
        return (short) Bytes.shortAt(b, at, be);
      case UL:
      case OL:
        return Bytes.intAt(b, at, be) & 0xFFFFFFFFL;
      case SL:
        return Bytes.intAt(b, at, be);
      case SV:
        return Bytes.longAt(b, at, be);
      case UV:
        long unsigned = Bytes.longAt(b, at, be);
        return unsigned >= 0 ? unsigned : (unsigned >>> 1) * 2.0 + (unsigned & 1);
      case FL:
      case OF:
        return Float.intBitsToFloat(Bytes.intAt(b, at, be));
      case FD:
      case OD:
        return Double.longBitsToDouble(Bytes.longAt(b, at, be));
      case AT:
        return (Bytes.shortAt(b, at, be) << 16 | Bytes.shortAt(b, at + 2, be)) & 0xFFFFFFFFL;
      default:
        throw new IllegalArgumentException(vr + " holds no numbers");
    }
  }

  static double[] doubles(byte[] bytes, VR vr, boolean bigEndian) {
    if (!hasNumbers(vr)) {
      return null;
    }
    double[] values = new double[count(bytes, vr)];
    for (int i = 0; i < values.length; i++) {
      values[i] = number(bytes, i, vr, bigEndian);
    }
    return values;
  }

  /** Integer values; null when the VR holds no integers or a value does not fit an int. */
  static int[] ints(byte[] bytes, VR vr, boolean bigEndian) {
    if (!hasNumbers(vr) || vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
      return null;
    }
    int[] values = new int[count(bytes, vr)];
    for (int i = 0; i < values.length; i++) {
      double value = number(bytes, i, vr, bigEndian);
      if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
        return null;
      }
      values[i] = (int) value;
    }
    return values;
  }

  /** The values as text: integers in decimal, floats as Java prints them, tags as GGGGEEEE. */
  static String[] strings(byte[] bytes, VR vr, boolean bigEndian) {
    if (!isNumeric(vr)) {
      return NONE;
    }
    String[] values = new String[count(bytes, vr)];
    if (values.length == 0) {
      return NONE;
    }
    for (int i = 0; i < values.length; i++) {
      double value = number(bytes, i, vr, bigEndian);
      if (vr == VR.AT) {
        values[i] = Tag.toHex((int) (long) value);
      } else if (vr == VR.FL || vr == VR.OF) {
        values[i] = Float.toString((float) value);
      } else if (vr == VR.FD || vr == VR.OD) {
        values[i] = Double.toString(value);
      } else if (vr == VR.UV && value >= 0x1p63) {
        values[i] = Long.toUnsignedString(Bytes.longAt(bytes, i * 8, bigEndian));
      } else {
        values[i] = Long.toString((long) value);
      }
    }
    return values;
  }

  static byte[] encodeInts(int[] values, VR vr, boolean bigEndian) {
    int size = vr.unitSize();
    byte[] bytes = new byte[values.length * size];
    for (int i = 0; i < values.length; i++) {
      if (vr == VR.AT) {
        put(bytes, i * 4, 2, values[i] >>> 16, bigEndian);
        put(bytes, i * 4 + 2, 2, values[i] & 0xFFFF, bigEndian);
      } else if (vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
        return encodeDoubles(toDoubles(values), vr, bigEndian);
      } else {
        put(bytes, i * size, size, values[i], bigEndian);
      }
    }
    return bytes;
  }

  private static double[] toDoubles(int[] values) {
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }

  static byte[] encodeDoubles(double[] values, VR vr, boolean bigEndian) {
    int size = vr.unitSize();
    if (!hasNumbers(vr)) {
      throw new IllegalArgumentException(vr + " holds no numbers");
    }
    byte[] bytes = new byte[values.length * size];
    for (int i = 0; i < values.length; i++) {
      long bits;
      if (vr == VR.FL || vr == VR.OF) {
        bits = Float.floatToIntBits((float) values[i]);
      } else if (vr == VR.FD || vr == VR.OD) {
        bits = Double.doubleToLongBits(values[i]);
      } else {
        bits = (long) values[i];
      }
      put(bytes, i * size, size, bits, bigEndian);
    }
    return bytes;
  }

  private static void put(byte[] bytes, int at, int size, long value, boolean bigEndian) {
    for (int k = 0; k < size; k++) {
      int shift = 8 * (bigEndian ? size - 1 - k : k);
      bytes[at + k] = (byte) (value >>> shift);
    }
  }
}
