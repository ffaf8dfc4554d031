package dicomsql.engine.dicom.codec;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import dicomsql.engine.dicom.ImagePixelModule;
import dicomsql.engine.dicom.TransferSyntax;
import java.util.Iterator;
import java.util.Set;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * Which decoder reads the frames of each compressed transfer syntax: our own for lossless JPEG,
 * JPEG-LS and greyscale baseline and extended JPEG (8 and 12 bits), the JDK's JPEG reader for
 * colour baseline and extended JPEG of 8 bits, jai-imageio's reader for JPEG 2000, lossless or
 * not.
 */
public final class FrameDecoders {
  private static final String JDK_JPEG = "com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi";
  private static final Set<String> JPEG_LOSSLESS = Set.of(
      "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70");
  private static final Set<String> JPEG_DCT = Set.of(
      "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51");
  private static final Set<String> JPEG_LS = Set.of(
      "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81");
  private static final Set<String> JPEG_2000 = Set.of(
      "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91");

  private FrameDecoders() {}

  /** The decoder of frames of {@code module} in {@code syntax}, or null when there is none. */
  public static FrameDecoder of(TransferSyntax syntax, ImagePixelModule module) {
    if (JPEG_LOSSLESS.contains(syntax.uid())) {
      return new JpegLosslessDecoder(module);
    }
    if (JPEG_DCT.contains(syntax.uid()) && module.samplesPerPixel() == 1) {
      return new DctJpegDecoder(module);
    }
    if (JPEG_DCT.contains(syntax.uid())) {
      ImageReaderSpi jdk = jdkJpegReader();
      return jdk == null ? null : new ImageIoFrameDecoder("JPEG", module, jdk);
    }
    if (JPEG_LS.contains(syntax.uid())) {
      return new JpegLsDecoder(module);
    }
    if (JPEG_2000.contains(syntax.uid())) {
      return new ImageIoFrameDecoder("JPEG 2000", module, new J2KImageReaderSpi());
    }
    return null;
  }

  /**
   * The JDK's own JPEG reader, which every ImageIO registry holds; found by name so that no
   * other JPEG plugin on the class path is picked instead.
   */
  private static ImageReaderSpi jdkJpegReader() {
    Iterator<ImageReaderSpi> providers = IIORegistry.getDefaultInstance().getServiceProviders(
        ImageReaderSpi.class, provider -> provider.getClass().getName().equals(JDK_JPEG), false);
    return providers.hasNext() ? providers.next() : null;
  }
}
