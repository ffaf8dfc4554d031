package dicomsql.engine.raster;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.roaringbitmap.RoaringBitmap;

/**
 * Renders an image through its window with ROI outlines on top, as PNG: an outline is the
 * mask's edge (the inside pixels with a neighbour outside), so it shows exactly what the mask
 * holds.
 */
public final class RoiOverlay {
  /** The colour of a ROI that names none. */
  public static final int[] DEFAULT_COLOR = {255, 255, 0};

  /**
   * A ROI's mask on the image and the colour of its outline.
   *
   * @param color red, green, blue, 0 to 255
   */
  public record Outline(RoaringBitmap mask, int[] color) {}

  private RoiOverlay() {}

  /**
   * The PNG bytes.
   *
   * @param window the window to apply; null for the image's own, else {@link Window#ABDOMEN}
   * @param color red, green, blue, 0 to 255
   */
  public static byte[] png(DecodedImage image, RoaringBitmap mask, Window window, int[] color) {
    return png(image, window, List.of(new Outline(mask, color)));
  }

  /**
   * The PNG bytes with several outlines, drawn in order: where edges meet, the later one shows.
   *
   * @param window the window to apply; null for the image's own, else {@link Window#ABDOMEN}
   */
  public static byte[] png(DecodedImage image, Window window, List<Outline> outlines) {
    Window shown = window != null ? window
        : image.window() != null ? image.window() : Window.ABDOMEN;
    int rows = image.rows();
    int columns = image.columns();
    BufferedImage picture = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
    float[] values = image.values();
    for (int row = 0; row < rows; row++) {
      for (int col = 0; col < columns; col++) {
        int grey = shown.grey(values[row * columns + col]);
        if (image.invertedGrey()) {
          grey = 255 - grey;
        }
        picture.setRGB(col, row, grey << 16 | grey << 8 | grey);
      }
    }
    for (Outline outline : outlines) {
      draw(picture, outline.mask(), outline.color());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(picture, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void draw(BufferedImage picture, RoaringBitmap mask, int[] color) {
    int rows = picture.getHeight();
    int columns = picture.getWidth();
    int rgb = (clamp(color[0]) << 16) | (clamp(color[1]) << 8) | clamp(color[2]);
    mask.forEach((int pixel) -> {
      int row = pixel / columns;
      int col = pixel % columns;
      if (row < rows && onEdge(mask, row, col, rows, columns)) {
        picture.setRGB(col, row, rgb);
      }
    });
  }

  private static boolean onEdge(RoaringBitmap mask, int row, int col, int rows, int columns) {
    return row == 0 || col == 0 || row == rows - 1 || col == columns - 1
        || !mask.contains((row - 1) * columns + col) || !mask.contains((row + 1) * columns + col)
        || !mask.contains(row * columns + col - 1) || !mask.contains(row * columns + col + 1);
  }

  private static int clamp(int channel) {
    return Math.max(0, Math.min(255, channel));
  }
}
