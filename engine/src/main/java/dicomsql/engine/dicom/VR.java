package dicomsql.engine.dicom;

/**
 * Value Representations of PS3.5 6.2: how a value is encoded, padded and bounded, and whether
 * its explicit-VR header carries a 4-byte length.
 */
public enum VR {
  AE(Kind.TEXT, 16, false, false, 0),
  AS(Kind.TEXT, 4, false, false, 0),
  AT(Kind.BINARY, 0, false, false, 4),
  CS(Kind.TEXT, 16, false, false, 0),
  DA(Kind.TEXT, 8, false, false, 0),
  DS(Kind.TEXT, 16, false, false, 0),
  DT(Kind.TEXT, 26, false, false, 0),
  FD(Kind.BINARY, 0, false, false, 8),
  FL(Kind.BINARY, 0, false, false, 4),
  IS(Kind.TEXT, 12, false, false, 0),
  LO(Kind.TEXT, 64, false, true, 0),
  LT(Kind.SINGLE_TEXT, 10240, false, true, 0),
  OB(Kind.BINARY, 0, true, false, 1),
  OD(Kind.BINARY, 0, true, false, 8),
  OF(Kind.BINARY, 0, true, false, 4),
  OL(Kind.BINARY, 0, true, false, 4),
  OV(Kind.BINARY, 0, true, false, 8),
  OW(Kind.BINARY, 0, true, false, 2),
  PN(Kind.TEXT, 64, false, true, 0),
  SH(Kind.TEXT, 16, false, true, 0),
  SL(Kind.BINARY, 0, false, false, 4),
  SQ(Kind.SEQUENCE, 0, true, false, 0),
  SS(Kind.BINARY, 0, false, false, 2),
  ST(Kind.SINGLE_TEXT, 1024, false, true, 0),
  SV(Kind.BINARY, 0, true, false, 8),
  TM(Kind.TEXT, 16, false, false, 0),
  UC(Kind.TEXT, 0, true, true, 0),
  UI(Kind.TEXT, 64, false, false, 0),
  UL(Kind.BINARY, 0, false, false, 4),
  UN(Kind.BINARY, 0, true, false, 1),
  UR(Kind.SINGLE_TEXT, 0, true, false, 0),
  US(Kind.BINARY, 0, false, false, 2),
  UT(Kind.SINGLE_TEXT, 0, true, true, 0),
  UV(Kind.BINARY, 0, true, false, 8);

  /** How a VR's bytes are to be understood. */
  public enum Kind {
    /** Character string, possibly several values separated by {@code \}. */
    TEXT,
    /** Character string that is always one value: a backslash in it is just a character. */
    SINGLE_TEXT,
    /** Numbers or opaque bytes. */
    BINARY,
    /** Items, each a data set. */
    SEQUENCE
  }

  private static final VR[] BY_CODE = new VR[1 << 16];

  static {
    for (VR vr : values()) {
      BY_CODE[vr.code] = vr;
    }
  }

  private final Kind kind;
  private final int maxLength;
  private final boolean longHeader;
  private final boolean charsetDependent;
  private final int unitSize;
  private final int code;

  VR(Kind kind, int maxLength, boolean longHeader, boolean charsetDependent, int unitSize) {
    this.kind = kind;
    this.maxLength = maxLength;
    this.longHeader = longHeader;
    this.charsetDependent = charsetDependent;
    this.unitSize = unitSize;
    this.code = name().charAt(0) << 8 | name().charAt(1);
  }

  /** The VR whose two ASCII letters are {@code code} (first letter in the high byte), or null. */
  public static VR ofCode(int code) {
    return BY_CODE[code & 0xFFFF];
  }

  public Kind kind() {
    return kind;
  }

  public boolean isText() {
    return kind == Kind.TEXT || kind == Kind.SINGLE_TEXT;
  }

  /** Whether the value may hold several values separated by {@code \}. */
  public boolean isMultiValuedText() {
    return kind == Kind.TEXT;
  }

  /**
   * Longest value the standard allows, in characters (bytes for the default repertoire); 0 when
   * only the 32-bit length field bounds it. For PN the bound applies to each component group.
   */
  public int maxLength() {
    return maxLength;
  }

  /** Explicit VR headers of these VRs have two reserved bytes and a 32-bit length. */
  public boolean hasLongHeader() {
    return longHeader;
  }

  /** Whether Specific Character Set (0008,0005) governs how the bytes become characters. */
  public boolean isCharsetDependent() {
    return charsetDependent;
  }

  /** Size of one binary value in bytes (the unit that byte swapping works on); 0 for text. */
  public int unitSize() {
    return unitSize;
  }

  /** The byte that pads an odd-length value to even length. */
  public byte padding() {
    return this == UI || kind == Kind.BINARY ? 0 : (byte) ' ';
  }

  /** The two letters as a big-endian 16-bit number, as they appear in an explicit VR header. */
  public int code() {
    return code;
  }
}
