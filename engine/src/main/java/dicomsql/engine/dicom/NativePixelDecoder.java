package dicomsql.engine.dicom;

/**
 * Decodes native (uncompressed) pixel data to stored values straight from the value bytes: cells
 * of 1, 8, 16 or 32 bits, little endian or as big-endian 16-bit words (OW read from an Explicit
 * VR Big Endian file), color by pixel or by plane, YBR_FULL_422 expanded to three samples per
 * pixel. Decoded frames always hold the samples of a pixel together, pixel after pixel.
 */
final class NativePixelDecoder {
  private final ImagePixelModule module;
  private final boolean bigEndianWords;
  private final boolean subsampled;

  /**
   * A decoder for this module; {@code bigEndianWords} when the bytes are OW words stored big
   * endian, since OW swaps by 16-bit word whatever the cell size (PS3.5 8.2).
   */
  NativePixelDecoder(ImagePixelModule module, boolean bigEndianWords) throws DicomException {
    this.module = module;
    this.bigEndianWords = bigEndianWords;
    this.subsampled = module.samplesPerPixel() == 3
        && module.photometricInterpretation().equals("YBR_FULL_422");
    if (subsampled && (module.columns() % 2 != 0 || module.planarConfiguration() != 0)) {
      throw new DicomException("YBR_FULL_422 needs an even number of Columns and Planar "
          + "Configuration 0, not " + module.columns() + " and " + module.planarConfiguration(),
          -1, Tag.PhotometricInterpretation);
    }
  }

  /** Cells in one frame: one per sample, except YBR_FULL_422's two per pixel. */
  long cellsPerFrame() {
    return subsampled ? 2L * module.pixelsPerFrame() : module.samplesPerFrame();
  }

  /** Fails unless {@code length} bytes hold {@code frames} frames; extra bytes are padding. */
  void checkLength(long length, int frames) throws DicomException {
    long needed = (cellsPerFrame() * frames * module.bitsAllocated() + 7) / 8;
    if (length < needed) {
      throw new DicomException("pixel data has " + length + " bytes, " + (needed - length)
          + " fewer than the " + needed + " that " + frames + " frame(s) of " + module.rows()
          + "x" + module.columns() + "x" + module.samplesPerPixel() + " samples of "
          + module.bitsAllocated() + " bits need", -1, Tag.PixelData);
    }
  }

  /**
   * Decodes one frame, whose first cell is cell {@code firstCell} of {@code data}, into the
   * first {@link ImagePixelModule#samplesPerFrame()} values of {@code into}. The length was
   * checked by {@link #checkLength}.
   */
  void decode(byte[] data, long firstCell, int[] into) {
    int pixels = module.pixelsPerFrame();
    int samples = module.samplesPerPixel();
    if (subsampled) {
      readCells(data, firstCell, 2 * pixels, into, pixels, 1);
      expand422(into, pixels);
    } else if (module.planarConfiguration() == 1) {
      for (int sample = 0; sample < samples; sample++) {
        readCells(data, firstCell + (long) sample * pixels, pixels, into, sample, samples);
      }
    } else {
      readCells(data, firstCell, pixels * samples, into, 0, 1);
    }
    module.toStoredValues(into, module.samplesPerFrame());
  }

  /**
   * Decodes {@code count} pixels of a one-sample frame from pixel {@code fromPixel} into the
   * start of {@code into}: a region of an image without decoding the rest of it.
   */
  void decodePixels(byte[] data, long firstCell, int fromPixel, int count, int[] into) {
    if (module.samplesPerPixel() != 1) {
      throw new IllegalStateException("a region is decoded from one-sample images only");
    }
    readCells(data, firstCell + fromPixel, count, into, 0, 1);
    module.toStoredValues(into, count);
  }

  /** Copies {@code count} cells as unsigned ints to every {@code stride}-th value from at. */
  private void readCells(byte[] data, long first, int count, int[] out, int at, int stride) {
    // An OW word stored big endian puts the byte at little-endian position p at p ^ 1.
    int swap = bigEndianWords ? 1 : 0;
    int end = at + count * stride;
    switch (module.bitsAllocated()) {
      case 1:
        for (long bit = first; at < end; at += stride, bit++) {
          out[at] = data[(int) (bit >>> 3) ^ swap] >>> (int) (bit & 7) & 1;
        }
        break;
      case 8:
        for (int p = (int) first; at < end; at += stride, p++) {
          out[at] = data[p ^ swap] & 0xFF;
        }
        break;
      case 16:
        for (int p = (int) (first * 2); at < end; at += stride, p += 2) {
          out[at] = bigEndianWords ? Bytes.shortBE(data, p) : Bytes.shortLE(data, p);
        }
        break;
      case 32:
        for (int p = (int) (first * 4); at < end; at += stride, p += 4) {
          out[at] = bigEndianWords ? Bytes.shortBE(data, p) | Bytes.shortBE(data, p + 2) << 16
              : Bytes.intLE(data, p);
        }
        break;
      default:
        throw new IllegalStateException("Bits Allocated " + module.bitsAllocated());
    }
  }

  /**
   * Turns Y1 Y2 Cb Cr per pair of pixels, read into {@code values[pixels, 3 * pixels)}, into
   * Y Cb Cr per pixel from index 0. Working forward in place is safe: pair {@code k} writes
   * below {@code 6k + 6}, never past what pair {@code k + 1} still has to read.
   */
  private static void expand422(int[] values, int pixels) {
    for (int to = 0, from = pixels; to < 3 * pixels; to += 6, from += 4) {
      int y1 = values[from];
      int y2 = values[from + 1];
      int cb = values[from + 2];
      int cr = values[from + 3];
      values[to] = y1;
      values[to + 1] = cb;
      values[to + 2] = cr;
      values[to + 3] = y2;
      values[to + 4] = cb;
      values[to + 5] = cr;
    }
  }
}
