package dicomsql.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Writes the lesion enhancement table of a DICOM folder to a CSV file: per ROI the mean HU on
 * every contrast phase and the arterial hyper-enhancement and wash-out flags, as the cookbook's
 * {@code lesion-enhancement.sql} computes them. The {@code jdbc:dicom:} driver runs inside this
 * program; nothing else is needed.
 *
 * <pre>
 * mvn -q -DskipTests package -pl examples -am
 * java -cp jdbc/target/dicomsql-jdbc-0.1.0-SNAPSHOT-all.jar:\
 * examples/target/dicomsql-examples-0.1.0-SNAPSHOT.jar \
 *     dicomsql.examples.EnhancementTable DATA_DIR OUT.csv [INDEX_DIR]
 * </pre>
 *
 * <p>Exit status 0 when the file is written, 1 when the query fails (the message on stderr, and
 * no file written), 2 for a bad command line.
 */
public final class EnhancementTable {
  /** The cookbook query this program runs. */
  static final String QUERY = "lesion-enhancement";
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE_ERROR = 2;
  static final String USAGE = String.join(System.lineSeparator(),
      "usage: EnhancementTable DATA_DIR OUT.csv [INDEX_DIR]",
      "  Writes the mean HU of every ROI on each contrast phase (hu_n, hu_a, hu_p, hu_d), with",
      "  arterial hyper-enhancement and wash-out flags, as CSV with a header row.",
      "  DATA_DIR   folder of CT series and RT Structure Sets (only read)",
      "  OUT.csv    file to write; replaced only once the whole table is computed",
      "  INDEX_DIR  where the index lives (default: the per-user cache, as for ./dicomsql)");

  private EnhancementTable() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the program; returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
      out.println(USAGE);
      return OK;
    }
    String problem = args.length < 2 || args.length > 3 ? "expected 2 or 3 arguments, got "
        + args.length : null;
    for (int i = 0; i < args.length && problem == null; i++) {
      if (args[i].isBlank() || args[i].startsWith("-")) {
        problem = "unknown option or empty argument '" + args[i] + "'";
      }
    }
    if (problem == null && args[0].contains(";")) {
      // A jdbc:dicom: URL ends the folder at the first ';'.
      problem = "a data folder whose path holds ';' cannot be named in a jdbc:dicom: URL";
    }
    if (problem != null) {
      err.println("EnhancementTable: " + problem);
      err.println(USAGE);
      return USAGE_ERROR;
    }
    Path csv = Path.of(args[1]).toAbsolutePath();
    try {
      long rows = write(Path.of(args[0]), args.length == 3 ? Path.of(args[2]) : null, csv);
      out.println("wrote " + rows + " ROIs to " + csv);
      return OK;
    } catch (SQLException | IOException e) {
      err.println("EnhancementTable: " + e.getMessage());
      return FAILED;
    }
  }

  /**
   * Runs the query and writes its rows to {@code csv}. They go to a temporary file next to it
   * first, moved into place at the end, so that a failure leaves no half-written table behind.
   */
  static long write(Path data, Path index, Path csv) throws SQLException, IOException {
    Path folder = csv.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new IOException("cannot write " + csv + ": its folder does not exist");
    }
    Properties properties = new Properties();
    if (index != null) {
      // Given as a property rather than in the URL, so that any path works.
      properties.setProperty("index", index.toAbsolutePath().toString());
    }
    String sql = CookbookQuery.load(QUERY);
    Path partial = Files.createTempFile(folder, csv.getFileName() + ".", ".partial");
    try (Connection connection = DriverManager.getConnection(
            "jdbc:dicom:" + data.toAbsolutePath(), properties);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      long count;
      try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        count = CsvTable.write(rows, writer);
      }
      Files.move(partial, csv, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return count;
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
