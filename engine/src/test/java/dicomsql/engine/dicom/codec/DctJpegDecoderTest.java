package dicomsql.engine.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.ImagePixelModule;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Restart intervals and sampling factors, which dcmtk never writes: streams the JDK's encoder
 * (libjpeg) writes with them decode to what the JDK's decoder (libjpeg, the same inverse DCT as
 * dcmtk) makes of them. The 8 and 12 bit streams dcmtk writes are checked against dcmtk in
 * JpegPixelDataDcmtkTest.
 */
class DctJpegDecoderTest {
  private static final int ROWS = 29;
  private static final int COLUMNS = 43;
  private static final ImagePixelModule MODULE =
      new ImagePixelModule(ROWS, COLUMNS, 1, 8, 8, 7, 0, 0, 1, "MONOCHROME2");

  /** Smooth ramps with noise: busy blocks, some samples clamped at 0 and 255. */
  private static BufferedImage image() {
    Random random = new Random(13);
    BufferedImage image = new BufferedImage(COLUMNS, ROWS, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < ROWS; y++) {
      for (int x = 0; x < COLUMNS; x++) {
        int value = x * 7 + y * 3 - 20 + random.nextInt(60);
        image.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, value)));
      }
    }
    return image;
  }

  /**
   * The image through the JDK's JPEG writer at {@code quality}, with a restart interval of
   * {@code interval} blocks and the component sampled {@code sampling} (e.g. 0x22).
   */
  private static byte[] encode(float quality, int interval, int sampling) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    BufferedImage image = image();
    IIOMetadata metadata = writer.getDefaultImageMetadata(
        ImageTypeSpecifier.createFromRenderedImage(image), param);
    String format = "javax_imageio_jpeg_image_1.0";
    Element root = (Element) metadata.getAsTree(format);
    Element markers = (Element) root.getElementsByTagName("markerSequence").item(0);
    Element component = (Element) markers.getElementsByTagName("componentSpec").item(0);
    component.setAttribute("HsamplingFactor", String.valueOf(sampling >> 4));
    component.setAttribute("VsamplingFactor", String.valueOf(sampling & 15));
    IIOMetadataNode dri = new IIOMetadataNode("dri");
    dri.setAttribute("interval", String.valueOf(interval));
    Node sof = markers.getElementsByTagName("sof").item(0);
    markers.insertBefore(dri, sof);
    metadata.setFromTree(format, root);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, metadata), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static int[] jdkDecode(byte[] jpeg) throws IOException {
    ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
      reader.setInput(in);
      Raster raster = reader.readRaster(0, null);
      return raster.getPixels(0, 0, COLUMNS, ROWS, (int[]) null);
    } finally {
      reader.dispose();
    }
  }

  @ParameterizedTest
  @CsvSource({"0.9, 0, 17", "0.9, 1, 17", "0.5, 5, 17", "0.75, 6, 34", "1.0, 24, 17",
      "0.9, 7, 34"})
  void decodesRestartIntervalsAndSamplingAsLibjpeg(float quality, int interval, int sampling)
      throws IOException, DicomException {
    byte[] jpeg = encode(quality, interval, sampling);
    assertThat(markerCount(jpeg, 0xD0, 0xD7)).isEqualTo(
        interval == 0 ? 0 : (4 * 6 - 1) / interval);
    int[] decoded = new int[ROWS * COLUMNS];
    new DctJpegDecoder(MODULE).decode(jpeg, decoded);
    assertThat(decoded).containsExactly(jdkDecode(jpeg));
  }

  @Test
  void refusesProgressiveJpegNamingTheProcess() throws IOException {
    byte[] jpeg = encode(0.9f, 0, 0x11);
    int sof = indexOfMarker(jpeg, 0xC0);
    jpeg[sof + 1] = (byte) 0xC2;
    assertThatThrownBy(() -> new DctJpegDecoder(MODULE).decode(jpeg, new int[ROWS * COLUMNS]))
        .isInstanceOf(DicomException.class)
        .hasMessageContaining("is JPEG process SOF2, not sequential DCT with Huffman coding");
  }

  @Test
  void refusesAWrongMarkerWhereARestartMustBe() throws IOException {
    byte[] jpeg = encode(0.9f, 4, 0x11);
    jpeg[indexOfMarker(jpeg, 0xD0) + 1] = (byte) 0xC8;
    assertThatThrownBy(() -> new DctJpegDecoder(MODULE).decode(jpeg, new int[ROWS * COLUMNS]))
        .isInstanceOf(DicomException.class)
        .hasMessageContaining("has marker c8 where a restart marker must be");
  }

  private static int indexOfMarker(byte[] jpeg, int code) {
    for (int i = 0; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code) {
        return i;
      }
    }
    throw new AssertionError("no marker " + Integer.toHexString(code));
  }

  private static int markerCount(byte[] jpeg, int from, int to) {
    int count = 0;
    for (int i = 0; i + 1 < jpeg.length; i++) {
      int code = jpeg[i + 1] & 0xFF;
      count += (jpeg[i] & 0xFF) == 0xFF && code >= from && code <= to ? 1 : 0;
    }
    return count;
  }
}
