package dicomsql.engine.dicom;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File names as text and back by their bytes, whatever the locale. Java turns a name into text
 * with the platform's encoding ({@code sun.jnu.encoding}: ASCII under {@code LANG=C}, and JDK 17
 * ignores {@code -Dsun.jnu.encoding}), losing every byte it cannot decode, and then cannot turn
 * that text back into the file. Here a name is read as UTF-8, and a byte that is not UTF-8 (a
 * Latin-1 {@code é}) becomes the lone surrogate U+DC00 + byte, as Python's
 * {@code surrogateescape} does: every name has one text and every such text leads back to its
 * file, through a {@code file:} URI, which Java maps to bytes exactly.
 */
public final class PathText {
  private static final boolean UTF8_NAMES = StandardCharsets.UTF_8.name().equalsIgnoreCase(
      System.getProperty("sun.jnu.encoding", "UTF-8"));
  private static final char ESCAPE = '\uDC00';

  private PathText() {}

  /** The text of a path's last name. */
  public static String name(Path path) {
    String name = path.getFileName().toString();
    if (isAscii(name) || UTF8_NAMES && name.indexOf('\uFFFD') < 0) {
      return name;
    }
    String raw = path.toUri().getRawPath();
    int end = raw.endsWith("/") ? raw.length() - 1 : raw.length();
    return decode(unescape(raw.substring(raw.lastIndexOf('/', end - 1) + 1, end)));
  }

  /** The file that {@code relative} (names as {@link #name} gives them, {@code /} between) is. */
  public static Path resolve(Path root, String relative) {
    if (isAscii(relative) || UTF8_NAMES && !hasEscapes(relative)) {
      return root.resolve(relative);
    }
    String base = root.toAbsolutePath().toUri().getRawPath();
    return Path.of(URI.create("file://" + base + (base.endsWith("/") ? "" : "/")
        + escape(encode(relative))));
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasEscapes(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** UTF-8, each byte that does not decode as U+DC00 + byte. */
  static String decode(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (!result.isError()) {
        break;
      }
      for (int k = 0; k < result.length(); k++) {
        out.put((char) (ESCAPE + (in.get() & 0xFF)));
      }
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /** The inverse of {@link #decode}. */
  static byte[] encode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 8);
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c >= ESCAPE + 0x80 && c <= ESCAPE + 0xFF) {
        bytes.write(c - ESCAPE);
        i++;
        continue;
      }
      int codePoint = text.codePointAt(i);
      byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
      bytes.write(utf8, 0, utf8.length);
      i += Character.charCount(codePoint);
    }
    return bytes.toByteArray();
  }

  /** Bytes as a URI path: unreserved characters and {@code /} as they are, others %XX. */
  private static String escape(byte[] bytes) {
    StringBuilder text = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~/".indexOf(c) >= 0)) {
        text.append((char) c);
      } else {
        text.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return text.toString();
  }

  private static byte[] unescape(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toByteArray();
  }
}
