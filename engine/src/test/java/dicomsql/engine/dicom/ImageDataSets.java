package dicomsql.engine.dicom;

/** Data sets with an Image Pixel module, for tests that hand-make pixel data bytes. */
final class ImageDataSets {
  private ImageDataSets() {}

  /** A single-frame monochrome image module without pixel data. */
  static DataSet monochrome(int rows, int columns, int allocated, int stored, int highBit,
      boolean signed) {
    DataSet ds = new DataSet();
    ds.putInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.putString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.putInt(Tag.Rows, VR.US, rows);
    ds.putInt(Tag.Columns, VR.US, columns);
    ds.putInt(Tag.BitsAllocated, VR.US, allocated);
    ds.putInt(Tag.BitsStored, VR.US, stored);
    ds.putInt(Tag.HighBit, VR.US, highBit);
    ds.putInt(Tag.PixelRepresentation, VR.US, signed ? 1 : 0);
    return ds;
  }

  /** An 8-bit RGB image module without pixel data. */
  static DataSet rgb(int rows, int columns, int planarConfiguration) {
    DataSet ds = monochrome(rows, columns, 8, 8, 7, false);
    ds.putInt(Tag.SamplesPerPixel, VR.US, 3);
    ds.putString(Tag.PhotometricInterpretation, VR.CS, "RGB");
    ds.putInt(Tag.PlanarConfiguration, VR.US, planarConfiguration);
    return ds;
  }

  /** Bytes from ints, for writing pixel data literally. */
  static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  /** 16-bit cells, little endian. */
  static byte[] words(int... cells) {
    byte[] bytes = new byte[2 * cells.length];
    for (int i = 0; i < cells.length; i++) {
      bytes[2 * i] = (byte) cells[i];
      bytes[2 * i + 1] = (byte) (cells[i] >>> 8);
    }
    return bytes;
  }

  /** 32-bit cells, little endian. */
  static byte[] longWords(int... cells) {
    byte[] bytes = new byte[4 * cells.length];
    for (int i = 0; i < cells.length; i++) {
      for (int b = 0; b < 4; b++) {
        bytes[4 * i + b] = (byte) (cells[i] >>> 8 * b);
      }
    }
    return bytes;
  }

  /** Writes the data set in {@code syntax} and reads it back, as a file would be read. */
  static PixelData roundTrip(DataSet dataSet, TransferSyntax syntax) throws DicomException {
    dataSet.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
    dataSet.putString(Tag.SOPInstanceUID, VR.UI, "2.25.7");
    byte[] file = new DicomWriter().toBytes(dataSet, syntax);
    DicomReader reader = DicomReader.of(file, ReadOptions.all());
    return PixelData.of(DataSet.read(reader), reader.transferSyntax());
  }
}
