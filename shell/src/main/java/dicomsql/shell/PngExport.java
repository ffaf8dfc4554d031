package dicomsql.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes every PNG value of a result (from {@code roi_png}) to a file. A file is named after the
 * row's first text value (a SOP Instance UID, say), else its row number, and after the column
 * when a row has more than one PNG; names never collide.
 */
final class PngExport {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private PngExport() {}

  /** Whether bytes start with the PNG signature. */
  static boolean isPng(byte[] value) {
    return value != null && value.length >= SIGNATURE.length
        && Arrays.equals(value, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
  }

  /** The files written, and how many rows the query returned. */
  record Written(List<Path> files, long rows) {}

  static Written write(ResultSet rows, Path folder) throws SQLException, IOException {
    ResultSetMetaData meta = rows.getMetaData();
    int width = meta.getColumnCount();
    List<Integer> binary = new ArrayList<>();
    int text = -1;
    for (int c = 1; c <= width; c++) {
      int type = meta.getColumnType(c);
      if (type == Types.VARBINARY || type == Types.BINARY || type == Types.LONGVARBINARY) {
        binary.add(c);
      } else if (text < 0 && (type == Types.VARCHAR || type == Types.CHAR)) {
        text = c;
      }
    }
    List<Path> written = new ArrayList<>();
    Set<String> used = new HashSet<>();
    int row = 0;
    while (rows.next()) {
      row++;
      String base = text > 0 && rows.getString(text) != null
          ? rows.getString(text).replaceAll("[^A-Za-z0-9._-]", "_") : "row" + row;
      for (int c : binary) {
        byte[] value = rows.getBytes(c);
        if (!isPng(value)) {
          continue;
        }
        String name = binary.size() > 1 ? base + "_" + meta.getColumnLabel(c) : base;
        String unique = name;
        for (int n = 2; !used.add(unique); n++) {
          unique = name + "_" + n;
        }
        Files.createDirectories(folder);
        Path file = folder.resolve(unique + ".png");
        Files.write(file, value);
        written.add(file);
      }
    }
    return new Written(written, row);
  }
}
