package dicomsql.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes as a user writes it: a whole number with an optional unit K, M or G (also
 * KB, MB, GB, KiB, MiB, GiB, any case), each 1,024 times the one before, as Java's {@code -Xmx}
 * counts.
 */
public final class ByteSize {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([kmg]?)(i?b)?");

  private ByteSize() {}

  /** The size in bytes; an IllegalArgumentException naming {@code option} if it is not one. */
  public static long parse(String option, String text) {
    Matcher matcher = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches() || matcher.group(2).isEmpty() && "ib".equals(matcher.group(3))) {
      throw new IllegalArgumentException(option + " expects a size such as 512MB or 2GB, not '"
          + text + "'");
    }
    int shift = switch (matcher.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 0;
    };
    return Long.parseLong(matcher.group(1)) << shift;
  }

  /** The size in the largest unit that divides it, as {@link #parse} reads it back. */
  public static String format(long bytes) {
    String[] units = {"GB", "MB", "KB"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (30 - 10 * i);
      if (bytes >= unit && bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return bytes + "B";
  }
}
