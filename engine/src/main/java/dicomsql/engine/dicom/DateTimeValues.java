package dicomsql.engine.dicom;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * DA, TM and DT values to and from {@code java.time}. Parsing is forgiving about the old
 * ACR-NEMA forms ({@code 2001.01.31}, {@code 12:30:00}) and returns null, never throws, for a
 * value that is no date or time at all.
 */
final class DateTimeValues {
  private DateTimeValues() {}

  /** {@code YYYYMMDD} (or {@code YYYY.MM.DD}), else null. */
  static LocalDate parseDate(String text) {
    String s = text.length() == 10 && text.charAt(4) == '.' && text.charAt(7) == '.'
        ? text.substring(0, 4) + text.substring(5, 7) + text.substring(8) : text;
    if (s.length() != 8 || !allDigits(s, 0, 8)) {
      return null;
    }
    try {
      return LocalDate.of(number(s, 0, 4), number(s, 4, 6), number(s, 6, 8));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** {@code HH[MM[SS[.F{1,6}]]]} (or with colons), else null. A leap second 60 reads as 59. */
  static LocalTime parseTime(String text) {
    String s = text.indexOf(':') >= 0 ? text.replace(":", "") : text;
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s : s.substring(0, dot);
    if (whole.length() < 2 || whole.length() > 6 || whole.length() % 2 != 0
        || !allDigits(whole, 0, whole.length())) {
      return null;
    }
    int hour = number(whole, 0, 2);
    int minute = whole.length() >= 4 ? number(whole, 2, 4) : 0;
    int second = whole.length() == 6 ? Math.min(59, number(whole, 4, 6)) : 0;
    int nanos = 0;
    if (dot >= 0) {
      String fraction = s.substring(dot + 1);
      if (!fraction.isEmpty()) {
        if (fraction.length() > 9 || !allDigits(fraction, 0, fraction.length())) {
          return null;
        }
        nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
      }
    }
    return time(hour, minute, second, nanos);
  }

  private static LocalTime time(int hour, int minute, int second, int nanos) {
    try {
      return LocalTime.of(hour, minute, second, nanos);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * {@code YYYY[MM[DD[HH[MM[SS[.F]]]]]]}, missing parts taken as the start of the period; a
   * {@code &ZZXX} UTC offset is dropped. Null when not a date-time.
   */
  static LocalDateTime parseDateTime(String text) {
    String s = text;
    int offsetAt = Math.max(s.indexOf('+'), s.indexOf('-', 1));
    if (offsetAt > 0) {
      s = s.substring(0, offsetAt);
    }
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s : s.substring(0, dot);
    if (whole.length() < 4 || whole.length() > 14 || whole.length() % 2 != 0
        || !allDigits(whole, 0, whole.length())) {
      return null;
    }
    String padded = whole + "0101000000".substring(whole.length() - 4);
    LocalDate date = parseDate(padded.substring(0, 8));
    LocalTime time = parseTime(padded.substring(8) + (dot < 0 ? "" : s.substring(dot)));
    return date == null || time == null ? null : LocalDateTime.of(date, time);
  }

  static String formatDate(LocalDate date) {
    return String.format("%04d%02d%02d", date.getYear(), date.getMonthValue(),
        date.getDayOfMonth());
  }

  static String formatTime(LocalTime time) {
    String whole = String.format("%02d%02d%02d", time.getHour(), time.getMinute(),
        time.getSecond());
    int micros = time.getNano() / 1000;
    return micros == 0 ? whole : whole + String.format(".%06d", micros);
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int number(String s, int from, int to) {
    return Integer.parseInt(s, from, to, 10);
  }
}
