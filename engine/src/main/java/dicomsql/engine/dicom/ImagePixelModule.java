package dicomsql.engine.dicom;

/**
 * The Image Pixel module of a data set (PS3.3 C.7.6.3): how its pixel data is laid out. Built by
 * {@link #of(DataSet)}, which supplies the defaults a missing optional attribute implies and
 * rejects inconsistent values.
 */
public record ImagePixelModule(
    int rows,
    int columns,
    int samplesPerPixel,
    int bitsAllocated,
    int bitsStored,
    int highBit,
    int pixelRepresentation,
    int planarConfiguration,
    int numberOfFrames,
    String photometricInterpretation) {

  /** Reads and checks the module. */
  public static ImagePixelModule of(DataSet dataSet) throws DicomException {
    int samples = intValue(dataSet, Tag.SamplesPerPixel, "Samples per Pixel", 1);
    int allocated = intValue(dataSet, Tag.BitsAllocated, "Bits Allocated", null);
    int stored = intValue(dataSet, Tag.BitsStored, "Bits Stored", allocated);
    String photometric = dataSet.getString(Tag.PhotometricInterpretation);
    ImagePixelModule module = new ImagePixelModule(
        intValue(dataSet, Tag.Rows, "Rows", null),
        intValue(dataSet, Tag.Columns, "Columns", null),
        samples,
        allocated,
        stored,
        intValue(dataSet, Tag.HighBit, "High Bit", stored - 1),
        intValue(dataSet, Tag.PixelRepresentation, "Pixel Representation", 0),
        samples == 1 ? 0
            : intValue(dataSet, Tag.PlanarConfiguration, "Planar Configuration", 0),
        intValue(dataSet, Tag.NumberOfFrames, "Number of Frames", 1),
        photometric != null ? photometric : samples == 1 ? "MONOCHROME2" : "RGB");
    module.check();
    return module;
  }

  /** The value of {@code tag}, or {@code absent} when it is missing; null makes it required. */
  private static int intValue(DataSet dataSet, int tag, String name, Integer absent)
      throws DicomException {
    String[] texts = dataSet.getStrings(tag);
    if (texts.length == 0 || texts[0].isEmpty()) {
      if (absent == null) {
        throw new DicomException(name + " is missing", -1, tag);
      }
      return absent;
    }
    Integer value = dataSet.getInt(tag);
    if (value == null) {
      throw new DicomException(name + " '" + texts[0] + "' is not an integer", -1, tag);
    }
    return value;
  }

  private void check() throws DicomException {
    positive(rows, "Rows", Tag.Rows);
    positive(columns, "Columns", Tag.Columns);
    positive(samplesPerPixel, "Samples per Pixel", Tag.SamplesPerPixel);
    positive(numberOfFrames, "Number of Frames", Tag.NumberOfFrames);
    if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
      throw new DicomException("Bits Allocated " + bitsAllocated
          + " is not supported (only 1, 8, 16 and 32)", -1, Tag.BitsAllocated);
    }
    if (bitsStored < 1 || bitsStored > bitsAllocated) {
      throw new DicomException("Bits Stored " + bitsStored + " is not within Bits Allocated "
          + bitsAllocated, -1, Tag.BitsStored);
    }
    if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
      throw new DicomException("High Bit " + highBit + " does not fit " + bitsStored
          + " stored bits into " + bitsAllocated + " allocated bits", -1, Tag.HighBit);
    }
    if (pixelRepresentation != 0 && pixelRepresentation != 1) {
      throw new DicomException("Pixel Representation " + pixelRepresentation
          + " is neither 0 (unsigned) nor 1 (signed)", -1, Tag.PixelRepresentation);
    }
    if (planarConfiguration != 0 && planarConfiguration != 1) {
      throw new DicomException("Planar Configuration " + planarConfiguration
          + " is neither 0 nor 1", -1, Tag.PlanarConfiguration);
    }
    if ((long) rows * columns * samplesPerPixel > Integer.MAX_VALUE - 8) {
      throw new DicomException("a frame of " + rows + "x" + columns + "x" + samplesPerPixel
          + " samples is too large", -1, Tag.Rows);
    }
  }

  private static void positive(int value, String name, int tag) throws DicomException {
    if (value < 1) {
      throw new DicomException(name + " " + value + " is not positive", -1, tag);
    }
  }

  public boolean isSigned() {
    return pixelRepresentation == 1;
  }

  public int pixelsPerFrame() {
    return rows * columns;
  }

  /** How many values one decoded frame has: a value per sample of every pixel. */
  public int samplesPerFrame() {
    return rows * columns * samplesPerPixel;
  }

  /**
   * Whether stored values are unsigned 32-bit, which an {@code int} holds only as bits: read
   * them with {@link Integer#toUnsignedLong(int)}.
   */
  public boolean isUnsigned32Bit() {
    return bitsStored == 32 && !isSigned();
  }

  /**
   * Turns the first {@code count} pixel cells (Bits Allocated wide) into stored values in place:
   * the Bits Stored bits ending at High Bit, sign-extended when signed, so that bits used for
   * overlays or left as garbage by the writer never leak into values. A loop of its own, which
   * the JIT can vectorize.
   */
  void toStoredValues(int[] cells, int count) {
    keepBits(cells, count, 31 - highBit);
  }

  /** Shifts the stored bits to the top by {@code left}, then down, sign-extending if signed. */
  private void keepBits(int[] cells, int count, int left) {
    int right = 32 - bitsStored;
    if (isSigned()) {
      for (int i = 0; i < count; i++) {
        cells[i] = cells[i] << left >> right;
      }
    } else {
      for (int i = 0; i < count; i++) {
        cells[i] = cells[i] << left >>> right;
      }
    }
  }

  /**
   * Turns the first {@code count} cells a codec decoded (Bits Stored wide, in the low bits, as
   * JPEG and JPEG 2000 hold them whatever High Bit says) into stored values in place: the bits
   * above Bits Stored dropped, sign-extended when signed.
   */
  void cellsToStoredValues(int[] cells, int count) {
    keepBits(cells, count, 32 - bitsStored);
  }
}
