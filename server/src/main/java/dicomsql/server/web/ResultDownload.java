package dicomsql.server.web;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A whole result written as it is read, in the forms the command line writes with
 * {@code --csv} and {@code --json}, so that a download and a script's output agree byte for
 * byte: CSV per RFC 4180 (header row, CRLF, fields quoted only when needed, NULL empty, binary
 * as lower-case hex); JSON an array of one object per row.
 */
enum ResultDownload {
  CSV("text/csv", "csv"),
  JSON("application/json", "json");

  final String contentType;
  final String extension;

  ResultDownload(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  static ResultDownload named(String name) {
    for (ResultDownload format : values()) {
      if (format.extension.equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException("the download format is csv or json, not '" + name + "'");
  }

  /** Writes every row; returns how many. */
  long write(ResultSet rows, Writer out) throws SQLException, IOException {
    return this == CSV ? csv(rows, out) : json(rows, out);
  }

  /** A value as text: binary as lower-case hex, everything else as the driver gives it. */
  private static String text(ResultSet rows, int column, int type) throws SQLException {
    if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
      byte[] bytes = rows.getBytes(column);
      return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
    return rows.getString(column);
  }

  private static long csv(ResultSet rows, Writer out) throws SQLException, IOException {
    ResultSetMetaData meta = rows.getMetaData();
    int width = meta.getColumnCount();
    StringBuilder line = new StringBuilder();
    for (int i = 1; i <= width; i++) {
      line.append(i > 1 ? "," : "").append(field(meta.getColumnLabel(i)));
    }
    out.write(line.append("\r\n").toString());
    long count = 0;
    while (rows.next()) {
      line.setLength(0);
      for (int i = 1; i <= width; i++) {
        String value = text(rows, i, meta.getColumnType(i));
        line.append(i > 1 ? "," : "").append(value == null ? "" : field(value));
      }
      out.write(line.append("\r\n").toString());
      count++;
    }
    return count;
  }

  private static String field(String value) {
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0
        || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  private static long json(ResultSet rows, Writer out) throws SQLException, IOException {
    ResultSetMetaData meta = rows.getMetaData();
    int width = meta.getColumnCount();
    long count = 0;
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      json.writeStartArray();
      while (rows.next()) {
        json.writeStartObject();
        for (int i = 1; i <= width; i++) {
          json.writeFieldName(meta.getColumnLabel(i));
          writeValue(json, rows, i, meta.getColumnType(i));
        }
        json.writeEndObject();
        count++;
      }
      json.writeEndArray();
    }
    return count;
  }

  /** As the command line's JSON: numbers bare (non-finite ones quoted), the rest as text. */
  private static void writeValue(JsonGenerator json, ResultSet rows, int column, int type)
      throws SQLException, IOException {
    String text = text(rows, column, type);
    if (text == null) {
      json.writeNull();
      return;
    }
    switch (type) {
      case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT, Types.DECIMAL,
          Types.NUMERIC -> json.writeNumber(text);
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> {
        if (Double.isFinite(rows.getDouble(column))) {
          json.writeNumber(text);
        } else {
          json.writeString(text);
        }
      }
      case Types.BOOLEAN -> json.writeBoolean(Boolean.parseBoolean(text.toLowerCase(
          Locale.ROOT)));
      default -> json.writeString(text);
    }
  }
}
