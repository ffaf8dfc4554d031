package dicomsql.engine.dicom;

/**
 * Pixel data encoded in a transfer syntax this engine cannot decode (JPEG, JPEG-LS, JPEG 2000,
 * MPEG, unknown encapsulated syntaxes): thrown instead of returning values that would be garbage.
 */
public final class UnsupportedTransferSyntaxException extends DicomException {
  private final TransferSyntax transferSyntax;

  public UnsupportedTransferSyntaxException(TransferSyntax transferSyntax) {
    this(transferSyntax, problem(transferSyntax), -1, -1, null);
  }

  private UnsupportedTransferSyntaxException(
      TransferSyntax transferSyntax, String problem, long offset, int tag, String file) {
    super(problem, offset, tag, file, null);
    this.transferSyntax = transferSyntax;
  }

  private static String problem(TransferSyntax syntax) {
    String named = syntax.isKnown() ? syntax.toString() : syntax.name();
    return "pixel data in " + named + " cannot be decoded yet";
  }

  public TransferSyntax transferSyntax() {
    return transferSyntax;
  }

  @Override
  protected DicomException copy(String problem, long offset, int tag, String file) {
    DicomException copy =
        new UnsupportedTransferSyntaxException(transferSyntax, problem, offset, tag, file);
    copy.setStackTrace(getStackTrace());
    return copy;
  }
}
