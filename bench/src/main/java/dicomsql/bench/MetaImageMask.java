package dicomsql.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * A structure mask that plastimatch wrote as an uncompressed MetaImage ({@code .mha}) of
 * unsigned bytes: per slice (in the file's order, ascending z), the pixels in which one
 * structure's bit is set (structure k is bit k % 8 of channel k / 8).
 */
final class MetaImageMask {
  private MetaImageMask() {}

  static RoaringBitmap[] read(Path file, int structure) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String marker = "ElementDataFile = LOCAL\n";
    int body = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1)
        .indexOf(marker);
    if (body < 0) {
      throw new IOException(file + " is not a MetaImage with its data inside");
    }
    Map<String, String> header = new HashMap<>();
    for (String line : new String(bytes, 0, body, StandardCharsets.ISO_8859_1).split("\n")) {
      int equals = line.indexOf(" = ");
      if (equals > 0) {
        header.put(line.substring(0, equals), line.substring(equals + 3).strip());
      }
    }
    if (!"MET_UCHAR".equals(header.get("ElementType"))
        || "True".equals(header.get("CompressedData"))) {
      throw new IOException(file + ": expected uncompressed MET_UCHAR, got " + header);
    }
    String[] size = header.get("DimSize").split(" ");
    int columns = Integer.parseInt(size[0]);
    int rows = Integer.parseInt(size[1]);
    int slices = Integer.parseInt(size[2]);
    int channels = Integer.parseInt(header.getOrDefault("ElementNumberOfChannels", "1"));
    int at = body + marker.length();
    RoaringBitmap[] masks = new RoaringBitmap[slices];
    for (int s = 0; s < slices; s++) {
      masks[s] = new RoaringBitmap();
      for (int pixel = 0; pixel < rows * columns; pixel++, at += channels) {
        if ((bytes[at + structure / 8] & (1 << (structure % 8))) != 0) {
          masks[s].add(pixel);
        }
      }
    }
    return masks;
  }
}
