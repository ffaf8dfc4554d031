package dicomsql.engine.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class RoiOverlayTest {
  @Test
  void windowFollowsTheStandardsLinearFunction() {
    Window window = new Window(40, 400);
    assertThat(window.grey(-160)).isZero();
    assertThat(window.grey(240)).isEqualTo(255);
    assertThat(window.grey(40)).isEqualTo(128);
    assertThat(window.grey(-1000)).isZero();
  }

  @Test
  void outlineIsTheMaskEdgeInTheRoiColour() throws IOException {
    int size = 16;
    float[] values = new float[size * size];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % size < 8 ? -1000 : 1000;
    }
    RoaringBitmap mask = new RoaringBitmap();
    for (int row = 4; row < 9; row++) {
      mask.add((long) row * size + 4, (long) row * size + 9);
    }
    byte[] png = RoiOverlay.png(new DecodedImage(size, size, values, null, false), mask, null,
        new int[] {0, 255, 0});
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(size);
    assertThat(image.getRGB(4, 4) & 0xFFFFFF).isEqualTo(0x00FF00);
    assertThat(image.getRGB(8, 6) & 0xFFFFFF).isEqualTo(0x00FF00);
    assertThat(image.getRGB(6, 6) & 0xFFFFFF).as("inside, not on the edge").isEqualTo(0);
    assertThat(image.getRGB(12, 6) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    byte[] inverted = RoiOverlay.png(new DecodedImage(size, size, values, new Window(0, 100),
        true), new RoaringBitmap(), null, RoiOverlay.DEFAULT_COLOR);
    assertThat(ImageIO.read(new ByteArrayInputStream(inverted)).getRGB(0, 0) & 0xFFFFFF)
        .isEqualTo(0xFFFFFF);
  }

  @Test
  void severalOutlinesAreDrawnInOrderTheLaterOnTop() throws IOException {
    int size = 16;
    RoaringBitmap left = new RoaringBitmap();
    RoaringBitmap right = new RoaringBitmap();
    for (int row = 4; row < 9; row++) {
      left.add((long) row * size + 2, (long) row * size + 7);
      right.add((long) row * size + 6, (long) row * size + 11);
    }
    byte[] png = RoiOverlay.png(new DecodedImage(size, size, new float[size * size], null,
        false), new Window(0, 100), List.of(new RoiOverlay.Outline(left, new int[] {255, 0, 0}),
            new RoiOverlay.Outline(right, new int[] {0, 0, 255})));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getRGB(2, 6) & 0xFFFFFF).as("left's own edge").isEqualTo(0xFF0000);
    assertThat(image.getRGB(10, 6) & 0xFFFFFF).as("right's own edge").isEqualTo(0x0000FF);
    assertThat(image.getRGB(6, 4) & 0xFFFFFF).as("both edges: the later").isEqualTo(0x0000FF);
    int grey = new Window(0, 100).grey(0);
    assertThat(image.getRGB(4, 6) & 0xFFFFFF).as("inside left only")
        .isEqualTo(grey << 16 | grey << 8 | grey);
  }
}
