package dicomsql.engine.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The standard data dictionary (tag, keyword, VR, VM), loaded from the {@code dictionary.tsv}
 * resource that {@code engine/scripts/generate-dictionary.py} writes from dcmtk's dicom.dic.
 */
public final class DataDictionary {
  /** One standard attribute; {@code vr} is null for item and delimitation tags. */
  public record Entry(int tag, String keyword, VR vr, String vm, boolean retired) {}

  private static final String RESOURCE = "dictionary.tsv";
  private static final Map<Integer, Entry> BY_TAG = new HashMap<>(8192);
  private static final Map<String, Entry> BY_KEYWORD = new HashMap<>(8192);
  private static final Set<Integer> PIXEL_VALUED = new HashSet<>();

  static {
    try (InputStream in = DataDictionary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
      }
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.startsWith("#")) {
          add(line.split("\t", -1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private DataDictionary() {}

  private static void add(String[] fields) {
    // Repeating groups (50xx, 60xx, 7Fxx) and element ranges are stored with x as 0.
    int tag = (int) Long.parseLong(fields[0].replace('x', '0'), 16);
    Entry entry = new Entry(tag, fields[2], vrOf(fields[1]), fields[3], "R".equals(fields[4]));
    // Single pixel values are US or SS as the pixels are; LUT descriptors (VM 3 and 4), also
    // xs, keep US since their first and third values are always unsigned (PS3.3 C.11.1.1.1).
    if ("xs".equals(fields[1]) && "1".equals(fields[3])) {
      PIXEL_VALUED.add(tag);
    }
    BY_TAG.putIfAbsent(tag, entry);
    BY_KEYWORD.putIfAbsent(entry.keyword(), entry);
  }

  /** dcmtk's lower-case codes name VRs that depend on context; take the one to read them as. */
  private static VR vrOf(String code) {
    switch (code) {
      case "xs":
        return VR.US;
      case "ox":
      case "lt":
      case "px":
        return VR.OW;
      case "up":
        return VR.UL;
      case "na":
        return null;
      default:
        return VR.valueOf(code);
    }
  }

  /** The standard entry for {@code tag}, or null for private and unknown tags. */
  public static Entry entry(int tag) {
    Entry entry = BY_TAG.get(tag);
    if (entry != null) {
      return entry;
    }
    int group = Tag.group(tag);
    int element = Tag.element(tag);
    int block = group & 0xFF00;
    if ((group & 1) == 0 && (block == 0x5000 || block == 0x6000 || block == 0x7F00)) {
      return BY_TAG.get(Tag.of(group & 0xFF00, element));
    }
    if (group == 0x0020 && (element & 0xFF00) == 0x3100) {
      return BY_TAG.get(Tag.of(group, 0x3100));
    }
    return null;
  }

  /**
   * The VR to read {@code tag} as when the file does not say (implicit VR): the dictionary's,
   * UL for group lengths, LO for private creators, else UN.
   */
  public static VR vr(int tag) {
    Entry entry = entry(tag);
    if (entry != null && entry.vr() != null) {
      return entry.vr();
    }
    if (Tag.element(tag) == 0) {
      return VR.UL;
    }
    if (Tag.isPrivateCreator(tag)) {
      return VR.LO;
    }
    return VR.UN;
  }

  /**
   * Whether the dictionary's VR for {@code tag} is US or SS as Pixel Representation (0028,0103)
   * says (dcmtk's "xs"): the reader takes US unless it is 1, when it takes SS.
   */
  static boolean followsPixelRepresentation(int tag) {
    return PIXEL_VALUED.contains(tag);
  }

  /** The standard keyword, or null for private and unknown tags. */
  public static String keyword(int tag) {
    Entry entry = entry(tag);
    return entry == null ? null : entry.keyword();
  }

  /** The tag of a standard keyword, or -1 when no attribute has that keyword. */
  public static int tag(String keyword) {
    Entry entry = BY_KEYWORD.get(keyword);
    return entry == null ? -1 : entry.tag();
  }
}
