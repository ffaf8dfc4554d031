package dicomsql.engine.dicom.codec;

import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.ImagePixelModule;
import dicomsql.engine.dicom.Tag;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A frame decoded by an ImageIO reader, read as a raw raster: the stored samples, without the
 * color conversion an image would get. The reader is made directly, not looked up through the
 * ImageIO registry, so that what decodes a syntax never depends on which plugins the class path
 * (or a shaded jar's merged service files) happens to hold. Not thread-safe: it reuses its
 * reader.
 */
final class ImageIoFrameDecoder implements FrameDecoder {
  private final String codec;
  private final ImagePixelModule module;
  private final ImageReaderSpi provider;
  private ImageReader reader;

  ImageIoFrameDecoder(String codec, ImagePixelModule module, ImageReaderSpi provider) {
    this.codec = codec;
    this.module = module;
    this.provider = provider;
  }

  @Override
  public void decode(byte[] frame, int[] into) throws DicomException {
    Raster raster = read(frame);
    if (raster.getWidth() != module.columns() || raster.getHeight() != module.rows()
        || raster.getNumBands() != module.samplesPerPixel()) {
      throw new DicomException(codec + " frame is " + raster.getWidth() + "x"
          + raster.getHeight() + " pixels of " + raster.getNumBands() + " sample(s), not the "
          + module.columns() + "x" + module.rows() + " of " + module.samplesPerPixel()
          + " the Image Pixel module says", -1, Tag.PixelData);
    }
    int type = raster.getDataBuffer().getDataType();
    raster.getPixels(raster.getMinX(), raster.getMinY(), module.columns(), module.rows(), into);
    if (type == DataBuffer.TYPE_SHORT) {
      // A signed raster hands back sign-extended shorts; cells are the unsigned 16 bits.
      int count = module.samplesPerFrame();
      for (int i = 0; i < count; i++) {
        into[i] &= 0xFFFF;
      }
    }
  }

  private Raster read(byte[] frame) throws DicomException {
    try {
      if (reader == null) {
        reader = provider.createReaderInstance(null);
      }
    } catch (IOException e) {
      throw new DicomException(codec + " decoder cannot be made: " + message(e), -1,
          Tag.PixelData);
    }
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(frame))) {
      reader.setInput(in, true, true);
      return reader.readRaster(0, null);
    } catch (IOException | RuntimeException e) {
      throw new DicomException(codec + " frame cannot be decoded: " + message(e), -1,
          Tag.PixelData);
    }
  }

  private static String message(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
