package dicomsql.engine.dicom;

/**
 * What comes before a data set: the preamble and file meta group when there are any, and the
 * encoding of the data set, as declared or, for a raw data set, guessed from its first bytes.
 */
record FileStart(DataSet fileMeta, TransferSyntax syntax, boolean explicitVr) {
  private static final long UNDEFINED = 0xFFFFFFFFL;

  /**
   * Reads up to the first byte of the data set, which {@code in} is left at; for a deflated
   * syntax, {@code in} then gives the inflated bytes.
   */
  static FileStart read(DicomInput in) throws DicomException {
    boolean part10 = skipPreamble(in);
    DataSet fileMeta = new DataSet();
    if (part10 || startsWithFileMeta(in)) {
      readFileMeta(in, fileMeta);
    }
    String uid = fileMeta.getString(Tag.TransferSyntaxUID);
    TransferSyntax syntax = uid == null ? guess(in, part10) : TransferSyntax.of(uid);
    if (syntax.deflated()) {
      in.inflateRest();
    }
    return new FileStart(fileMeta, syntax, looksExplicit(in, syntax));
  }

  /** Steps over the 128-byte preamble and {@code DICM}; false when there is none. */
  private static boolean skipPreamble(DicomInput in) throws DicomException {
    if (in.ensure(132) && isDicm(in, 128)) {
      in.skip(132);
      return true;
    }
    if (in.ensure(4) && isDicm(in, 0)) {
      in.skip(4);
      return true;
    }
    return false;
  }

  private static boolean isDicm(DicomInput in, int at) {
    return in.peek(at) == 'D' && in.peek(at + 1) == 'I' && in.peek(at + 2) == 'C'
        && in.peek(at + 3) == 'M';
  }

  private static boolean startsWithFileMeta(DicomInput in) throws DicomException {
    return in.ensure(6) && in.peek(0) == 0x02 && in.peek(1) == 0x00;
  }

  /** Group 0002: explicit VR little endian; implicit VR is tolerated, as found in the wild. */
  private static void readFileMeta(DicomInput in, DataSet fileMeta) throws DicomException {
    while (in.ensure(8) && in.peek(0) == 0x02 && in.peek(1) == 0x00) {
      long offset = in.position();
      int tag = in.tag(false);
      try {
        VR vr = VR.ofCode(in.peek(0) << 8 | in.peek(1));
        long length;
        if (vr == null) {
          vr = DataDictionary.vr(tag);
          length = in.u32(false) & UNDEFINED;
        } else {
          in.skip(2);
          if (vr.hasLongHeader()) {
            in.skip(2);
            length = in.u32(false) & UNDEFINED;
          } else {
            length = in.u16(false);
          }
        }
        if (length == UNDEFINED || vr == VR.SQ) {
          throw new DicomException("sequence in the file meta group", offset);
        }
        fileMeta.putBytes(tag, vr, in.bytes(length));
      } catch (DicomException e) {
        throw e.inside(tag);
      }
    }
  }

  /** The encoding of a data set that does not say, from its first element header. */
  private static TransferSyntax guess(DicomInput in, boolean part10) throws DicomException {
    if (!in.ensure(8)) {
      if (part10) {
        return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
      }
      throw notDicom();
    }
    int groupLe = in.peek(0) | in.peek(1) << 8;
    int groupBe = in.peek(0) << 8 | in.peek(1);
    if (VR.ofCode(in.peek(4) << 8 | in.peek(5)) != null) {
      if (isPlausibleFirstGroup(groupLe)) {
        return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
      }
      if (isPlausibleFirstGroup(groupBe)) {
        return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
      }
    }
    boolean zeros = true;
    for (int i = 0; i < 8; i++) {
      zeros &= in.peek(i) == 0;
    }
    if (part10 || isPlausibleFirstGroup(groupLe) && !zeros) {
      // Part 10 without a transfer syntax: the default one (PS3.5 10.1).
      return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }
    throw notDicom();
  }

  /**
   * Data sets begin with a low even group (0008 mostly); text, images and archives do not begin
   * with a byte followed by a NUL, which is what this asks of the first two bytes.
   */
  private static boolean isPlausibleFirstGroup(int group) {
    return group <= 0x00FF && (group & 1) == 0;
  }

  private static DicomException notDicom() {
    return new DicomException(
        "not a DICOM file: no DICM prefix at byte 128 and no data set at the start");
  }

  /**
   * Whether the data set really is explicit VR: some writers declare one encoding and write the
   * other, which shows in whether the first element header has VR letters where the implicit
   * encoding has the low bytes of a length.
   */
  private static boolean looksExplicit(DicomInput in, TransferSyntax declared)
      throws DicomException {
    if (!in.ensure(6)) {
      return declared.explicitVr();
    }
    int c0 = in.peek(4);
    int c1 = in.peek(5);
    return VR.ofCode(c0 << 8 | c1) != null
        || declared.explicitVr() && isUpperCase(c0) && isUpperCase(c1);
  }

  static boolean isUpperCase(int c) {
    return c >= 'A' && c <= 'Z';
  }
}
