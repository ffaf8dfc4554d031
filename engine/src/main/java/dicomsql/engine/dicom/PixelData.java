package dicomsql.engine.dicom;

import dicomsql.engine.dicom.codec.FrameDecoder;
import dicomsql.engine.dicom.codec.FrameDecoders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The pixel data of one image, decoded frame by frame to stored values or to rescaled values
 * (Hounsfield units for CT). Decodes native pixel data in either byte order, RLE Lossless,
 * Encapsulated Uncompressed and the syntaxes {@link FrameDecoders} has a decoder for (JPEG,
 * JPEG 2000); pixel data in other encapsulated transfer syntaxes is refused with an
 * {@link UnsupportedTransferSyntaxException}. Not thread-safe: rescaling reuses an array.
 *
 * <p>A decoded frame holds a value per sample, the samples of a pixel together (RGB RGB ...),
 * pixels row by row, whatever the Planar Configuration; YBR_FULL_422 is expanded to three
 * samples per pixel; color spaces are not converted.
 */
public final class PixelData {
  /** Decodes frame {@code index} into the start of {@code into}, which is long enough. */
  @FunctionalInterface
  private interface FrameSource {
    void decode(int index, int[] into) throws DicomException;
  }

  /** Decodes {@code count} pixels of frame {@code index} from {@code fromPixel}. */
  @FunctionalInterface
  private interface RegionSource {
    void decode(int index, int fromPixel, int count, int[] into) throws DicomException;
  }

  /** What {@link #open} keeps of a header: the pixels' description, rescale and window. */
  private static final ReadOptions HEADER = ReadOptions.onlyTags(Tag.SpecificCharacterSet,
      Tag.SamplesPerPixel, Tag.PhotometricInterpretation, Tag.NumberOfFrames, Tag.Rows,
      Tag.Columns, Tag.BitsAllocated, Tag.BitsStored, Tag.HighBit, Tag.PixelRepresentation,
      Tag.PlanarConfiguration, Tag.WindowCenter, Tag.WindowWidth, Tag.RescaleIntercept,
      Tag.RescaleSlope, Tag.ModalityLUTSequence, Tag.SharedFunctionalGroupsSequence,
      Tag.PerFrameFunctionalGroupsSequence, Tag.PixelData);
  /** Files up to this size are read whole by {@link #open}. */
  private static final long SMALL_FILE = 64 * 1024;

  private final DataSet dataSet;
  private final ImagePixelModule module;
  private final FrameSource source;
  private final RegionSource region;
  private final boolean inPlace;
  private int[] scratch;

  private PixelData(DataSet dataSet, ImagePixelModule module, FrameSource source,
      RegionSource region, boolean inPlace) {
    this.dataSet = dataSet;
    this.module = module;
    this.source = source;
    this.region = region;
    this.inPlace = inPlace;
  }

  /** Reads a whole file and prepares its pixel data. */
  public static PixelData read(Path file) throws IOException {
    try (DicomReader reader = DicomReader.open(file, ReadOptions.all())) {
      return of(DataSet.read(reader), reader.transferSyntax());
    } catch (DicomException e) {
      throw e.inFile(file.toString());
    }
  }

  /**
   * Prepares a file's pixel data without reading it: native single-sample pixel data in a little
   * endian file stays in the file, and frames, or only the pixels a region spans, are read from
   * it in place when asked for. Anything else is read whole, as {@link #read} does. Of the
   * header only what describes and rescales the pixels is kept ({@link #HEADER}); a small file
   * is read in one go, header and pixels, since opening it twice costs more than its bytes.
   */
  public static PixelData open(Path file) throws IOException {
    return open(file, SMALL_FILE);
  }

  /** As {@link #open(Path)}, reading the file whole when it has at most {@code wholeUpTo} bytes. */
  static PixelData open(Path file, long wholeUpTo) throws IOException {
    byte[] held;
    DataSet dataSet;
    TransferSyntax syntax;
    long start;
    long length;
    try {
      held = Files.size(file) <= wholeUpTo ? Files.readAllBytes(file) : null;
      try (DicomReader reader = held != null ? DicomReader.of(held, HEADER)
          : DicomReader.open(file, HEADER)) {
        dataSet = DataSet.read(reader);
        syntax = reader.transferSyntax();
        start = reader.pixelDataStart();
        length = reader.pixelDataLength();
      }
    } catch (DicomException e) {
      throw e.inFile(file.toString());
    }
    if (start < 0 || syntax.deflated() || syntax.bigEndian()) {
      return read(file);
    }
    try {
      ImagePixelModule module = ImagePixelModule.of(dataSet);
      if (module.samplesPerPixel() != 1 || module.bitsAllocated() % 8 != 0) {
        return read(file);
      }
      NativePixelDecoder decoder = new NativePixelDecoder(module, false);
      decoder.checkLength(length, module.numberOfFrames());
      int cellBytes = module.bitsAllocated() / 8;
      long frameBytes = (long) module.pixelsPerFrame() * cellBytes;
      PixelBytes bytes = new PixelBytes(file, start, held);
      return new PixelData(dataSet, module,
          (index, into) -> decoder.decode(bytes.read(index * frameBytes, frameBytes), 0, into),
          (index, from, count, into) -> decoder.decodePixels(
              bytes.read(index * frameBytes + (long) from * cellBytes, (long) count * cellBytes),
              0, 0, count, into), held == null);
    } catch (DicomException e) {
      throw e.inFile(file.toString());
    }
  }

  /**
   * The pixel data of a data set read in {@code syntax}. Checks the Image Pixel module, that
   * native pixel data is long enough, and which fragments make each frame; frames themselves
   * are decoded only when asked for.
   */
  public static PixelData of(DataSet dataSet, TransferSyntax syntax) throws DicomException {
    Element pixels = dataSet.get(Tag.PixelData);
    if (pixels == null || pixels.isSequence()) {
      throw new DicomException("there is no Pixel Data", -1, Tag.PixelData);
    }
    if (pixels.isEncapsulated()) {
      return encapsulated(dataSet, pixels, syntax);
    }
    if (syntax.isKnown() && syntax.encapsulated()) {
      throw new DicomException("pixel data is not encapsulated although " + syntax
          + " needs it to be", -1, Tag.PixelData);
    }
    ImagePixelModule module = ImagePixelModule.of(dataSet);
    boolean bigEndianWords = dataSet.isBigEndian() && pixels.vr() == VR.OW;
    NativePixelDecoder decoder = new NativePixelDecoder(module, bigEndianWords);
    byte[] data = pixels.bytes();
    decoder.checkLength(data.length, module.numberOfFrames());
    long cellsPerFrame = decoder.cellsPerFrame();
    return new PixelData(dataSet, module,
        (index, into) -> decoder.decode(data, index * cellsPerFrame, into),
        module.samplesPerPixel() != 1 ? null : (index, from, count, into) ->
            decoder.decodePixels(data, index * cellsPerFrame, from, count, into), false);
  }

  private static PixelData encapsulated(DataSet dataSet, Element pixels, TransferSyntax syntax)
      throws DicomException {
    if (!syntax.encapsulated()) {
      throw new DicomException("pixel data is encapsulated although " + syntax
          + " is a native transfer syntax", -1, Tag.PixelData);
    }
    ImagePixelModule module = ImagePixelModule.of(dataSet);
    EncapsulatedSource source = encapsulatedSource(module, syntax);
    EncapsulatedFrames frames = EncapsulatedFrames.of(pixels.fragments(),
        module.numberOfFrames());
    return new PixelData(dataSet, module,
        (index, into) -> source.decode(index, into, frames.frame(index)), null, false);
  }

  /** Decodes one encapsulated frame, {@code frame} its bytes. */
  @FunctionalInterface
  private interface EncapsulatedSource {
    void decode(int index, int[] into, byte[] frame) throws DicomException;
  }

  /** How frames of this syntax decode; refused when no decoder reads it. */
  private static EncapsulatedSource encapsulatedSource(ImagePixelModule module,
      TransferSyntax syntax) throws DicomException {
    if (syntax.uid().equals(TransferSyntax.RLE_LOSSLESS.uid())) {
      RleFrameDecoder decoder = new RleFrameDecoder(module);
      return (index, into, frame) -> decoder.decode(frame, index, into);
    }
    if (syntax.uid().equals(TransferSyntax.ENCAPSULATED_UNCOMPRESSED.uid())) {
      NativePixelDecoder decoder = new NativePixelDecoder(module, false);
      return (index, into, frame) -> {
        decoder.checkLength(frame.length, 1);
        decoder.decode(frame, 0, into);
      };
    }
    FrameDecoder decoder = FrameDecoders.of(syntax, module);
    if (decoder == null) {
      throw new UnsupportedTransferSyntaxException(syntax);
    }
    return (index, into, frame) -> {
      try {
        decoder.decode(frame, into);
      } catch (DicomException e) {
        throw new DicomException("frame " + (index + 1) + ": " + e.problem(), -1, Tag.PixelData);
      }
      module.cellsToStoredValues(into, module.samplesPerFrame());
    };
  }

  /** The data set the pixel data belongs to, for the attributes that say how to show it. */
  public DataSet dataSet() {
    return dataSet;
  }

  public ImagePixelModule module() {
    return module;
  }

  /**
   * Whether the pixel data stays in the file, read from it when a frame or region is asked
   * for; otherwise it was read into memory with the header.
   */
  public boolean readsInPlace() {
    return inPlace;
  }

  public int frameCount() {
    return module.numberOfFrames();
  }

  /** The stored values of frame {@code index} (from 0) in a new array. */
  public int[] frame(int index) throws DicomException {
    return frame(index, null);
  }

  /**
   * The stored values of frame {@code index} (from 0): signed or not as Pixel Representation
   * says, with the bits outside Bits Stored dropped. Written into {@code into} when it holds at
   * least {@link ImagePixelModule#samplesPerFrame()} values, else into a new array; the array
   * written is returned.
   */
  public int[] frame(int index, int[] into) throws DicomException {
    Objects.checkIndex(index, frameCount());
    int count = module.samplesPerFrame();
    int[] out = into != null && into.length >= count ? into : new int[count];
    source.decode(index, out);
    return out;
  }

  /**
   * Frame {@code index} of a one-sample image rescaled, only the {@code count} pixels from
   * pixel {@code fromPixel} (row * columns + column), into the start of {@code into} when it is
   * long enough, else of a new array. Native pixel data decodes only those pixels; compressed
   * pixel data decodes the frame.
   */
  public float[] rescaledPixels(int index, int fromPixel, int count, float[] into)
      throws DicomException {
    Objects.checkIndex(index, frameCount());
    Objects.checkFromIndexSize(fromPixel, count, module.pixelsPerFrame());
    if (module.samplesPerPixel() != 1) {
      throw new DicomException("a region is read from images of one sample per pixel, not "
          + module.samplesPerPixel(), -1, Tag.SamplesPerPixel);
    }
    int[] stored;
    if (region != null) {
      scratch = scratch != null && scratch.length >= count ? scratch : new int[count];
      region.decode(index, fromPixel, count, scratch);
      stored = scratch;
    } else {
      scratch = frame(index, scratch);
      stored = fromPixel == 0 ? scratch
          : Arrays.copyOfRange(scratch, fromPixel, fromPixel + count);
    }
    return rescale(index).apply(module, stored, count, into);
  }

  /** The stored values of every frame, one frame after another. */
  public int[] allFrames() throws DicomException {
    int count = module.samplesPerFrame();
    long total = (long) count * frameCount();
    if (total > Integer.MAX_VALUE - 8) {
      throw new DicomException(frameCount() + " frames of " + count
          + " samples are too many for one array; decode them frame by frame", -1, Tag.PixelData);
    }
    int[] all = new int[(int) total];
    int[] one = frameCount() == 1 ? all : new int[count];
    for (int index = 0; index < frameCount(); index++) {
      frame(index, one);
      if (one != all) {
        System.arraycopy(one, 0, all, index * count, count);
      }
    }
    return all;
  }

  /** The modality rescale of frame {@code index}. */
  public ModalityRescale rescale(int index) throws DicomException {
    return ModalityRescale.of(dataSet, index);
  }

  /**
   * Frame {@code index} rescaled (Hounsfield units for CT), into {@code into} when it is long
   * enough, else into a new array.
   */
  public float[] rescaledFrame(int index, float[] into) throws DicomException {
    scratch = frame(index, scratch);
    return rescale(index).apply(module, scratch, into);
  }
}
