package dicomsql.engine.dicom;

import java.util.Arrays;

/**
 * Decodes one frame of RLE Lossless pixel data (PS3.5 Annex G) to stored values: a 64-byte
 * header of segment count and offsets, then a PackBits segment for each byte of each sample,
 * most significant byte first. Corrupt data fails saying what is wrong and at which byte.
 */
final class RleFrameDecoder {
  private static final int HEADER_LENGTH = 64;
  private static final int MAX_SEGMENTS = 15;

  private final ImagePixelModule module;
  private final int bytesPerSample;

  RleFrameDecoder(ImagePixelModule module) throws DicomException {
    this.module = module;
    this.bytesPerSample = module.bitsAllocated() / 8;
    if (module.bitsAllocated() % 8 != 0) {
      throw new DicomException("RLE Lossless cannot hold Bits Allocated "
          + module.bitsAllocated(), -1, Tag.BitsAllocated);
    }
    if (module.samplesPerPixel() * bytesPerSample > MAX_SEGMENTS) {
      throw new DicomException("RLE Lossless cannot hold " + module.samplesPerPixel()
          + " samples of " + module.bitsAllocated() + " bits: that needs more than "
          + MAX_SEGMENTS + " segments", -1, Tag.SamplesPerPixel);
    }
  }

  /**
   * Decodes frame {@code index} (its bytes {@code frame}) into the first
   * {@link ImagePixelModule#samplesPerFrame()} values of {@code into}, samples by pixel.
   */
  void decode(byte[] frame, int index, int[] into) throws DicomException {
    int samples = module.samplesPerPixel();
    int segments = samples * bytesPerSample;
    long[] offsets = header(frame, index, segments);
    int pixels = module.pixelsPerFrame();
    int count = pixels * samples;
    Arrays.fill(into, 0, count, 0);
    for (int segment = 0; segment < segments; segment++) {
      int shift = 8 * (bytesPerSample - 1 - segment % bytesPerSample);
      int produced = decodeSegment(frame, (int) offsets[segment], (int) offsets[segment + 1],
          into, segment / bytesPerSample, samples, shift, pixels, index, segment);
      if (produced < pixels) {
        throw problem(index, segment, "decodes to " + produced + " bytes, not the "
            + pixels + " of " + module.rows() + "x" + module.columns() + " pixels");
      }
    }
    module.toStoredValues(into, count);
  }

  /** Where each segment starts, then the frame's end; all checked to lie inside the frame. */
  private long[] header(byte[] frame, int index, int segments) throws DicomException {
    if (frame.length < HEADER_LENGTH) {
      throw problem(index, "has " + frame.length + " bytes, fewer than its " + HEADER_LENGTH
          + "-byte header");
    }
    long declared = Bytes.intLE(frame, 0) & 0xFFFFFFFFL;
    if (declared != segments) {
      throw problem(index, "has " + declared + " segments; " + module.samplesPerPixel()
          + " sample(s) of " + module.bitsAllocated() + " bits need " + segments);
    }
    long[] offsets = new long[segments + 1];
    offsets[segments] = frame.length;
    for (int segment = 0; segment < segments; segment++) {
      long start = Bytes.intLE(frame, 4 + 4 * segment) & 0xFFFFFFFFL;
      long floor = segment == 0 ? HEADER_LENGTH : offsets[segment - 1];
      if (start < floor || start > frame.length) {
        throw problem(index, segment, "starts at byte " + start + ", outside bytes " + floor
            + " to " + frame.length + " of the frame");
      }
      offsets[segment] = start;
    }
    return offsets;
  }

  /**
   * Unpacks one PackBits segment, ORing each byte shifted into place into every
   * {@code stride}-th value from {@code at}; returns how many bytes it gave. Bytes past the
   * frame's pixels are ignored, as other decoders do with encoders that pad segments.
   */
  private int decodeSegment(byte[] data, int pos, int end, int[] out, int at, int stride,
      int shift, int pixels, int index, int segment) throws DicomException {
    int produced = 0;
    while (produced < pixels && pos < end) {
      int header = data[pos++];
      if (header >= 0) {
        int run = header + 1;
        if (run > end - pos) {
          throw problem(index, segment, "has a literal run of " + run + " bytes at byte "
              + (pos - 1) + " that passes the segment's end at byte " + end);
        }
        int take = Math.min(run, pixels - produced);
        for (int i = 0; i < take; i++, at += stride) {
          out[at] |= (data[pos + i] & 0xFF) << shift;
        }
        pos += run;
        produced += take;
      } else if (header != -128) {
        if (pos == end) {
          throw problem(index, segment, "has a repeat run at byte " + (pos - 1)
              + " without the byte to repeat");
        }
        int value = (data[pos++] & 0xFF) << shift;
        int take = Math.min(1 - header, pixels - produced);
        for (int i = 0; i < take; i++, at += stride) {
          out[at] |= value;
        }
        produced += take;
      }
    }
    return produced;
  }

  private static DicomException problem(int index, String text) {
    return new DicomException("RLE frame " + (index + 1) + " " + text, -1, Tag.PixelData);
  }

  private static DicomException problem(int index, int segment, String text) {
    return new DicomException("RLE segment " + (segment + 1) + " of frame " + (index + 1) + " "
        + text, -1, Tag.PixelData);
  }
}
