package dicomsql.jdbc;

import dicomsql.connector.DicomSchema;
import dicomsql.connector.DicomTypeSystem;
import dicomsql.connector.StatementCache;
import dicomsql.connector.functions.RasterCaches;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.jdbc.CalcitePrepare;

/**
 * The {@code jdbc:dicom:} driver: a Calcite connection whose default schema {@code dicom} holds
 * the tables of one data folder ({@code jdbc:dicom:/path/to/data;index=DIR;refresh=auto|never;
 * phaseRules=FILE}). Identifiers are case-insensitive unless double-quoted; LIMIT and GROUP BY
 * aliases work. Errors come back as one line. {@code jdbc:dicom:remote:https://HOST:PORT}
 * connects to a {@code dicomsql serve} server instead ({@link RemoteUrl}).
 */
public final class DicomDriver extends org.apache.calcite.jdbc.Driver {
  /**
   * A connection property for programs in the same process: an
   * {@link dicomsql.engine.index.IndexProgress} that hears how building the index goes.
   */
  public static final String PROGRESS = "dicomsql.progress";

  /**
   * A connection property for programs in the same process: the {@link RasterCaches} the
   * connection's raster functions keep what they compute in. Connections given the same one
   * share its budget ({@code dicomsql serve} gives every connection the same); without it,
   * each connection has its own, of {@link RasterCaches#defaultBudget()} bytes.
   */
  public static final String RASTER_CACHES = "dicomsql.rasterCaches";

  /**
   * SQLSTATE of the connection warning saying that a newer version of the index has been
   * written since the connection opened it: its answers are from before; a new connection sees
   * the changes.
   */
  public static final String INDEX_SUPERSEDED = "01D02";

  static {
    new DicomDriver().register();
  }

  private final PlannerWarmUp warmUp = new PlannerWarmUp();

  @Override
  protected String getConnectStringPrefix() {
    return DicomUrl.PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    String version = version();
    String[] parts = version.split("[.-]");
    int major = Integer.parseInt(parts[0]);
    int minor = Integer.parseInt(parts[1]);
    return new DriverVersion("dicomsql JDBC Driver", version, "dicomsql", version, true,
        major, minor, major, minor);
  }

  /** This driver's version, as Maven wrote it into the jar. */
  static String version() {
    Properties properties = new Properties();
    try (InputStream in = DicomDriver.class.getResourceAsStream("/dicomsql-jdbc.properties")) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  /** Our connections, result sets and metadata, in place of Calcite's. */
  @Override
  protected AvaticaFactory createFactory() {
    return new DicomJdbcFactory();
  }

  /**
   * Queries sent again as text are not prepared again (see {@link StatementCache}); the planner
   * is set up as {@link dicomsql.connector.PlannerSetUp} says.
   */
  @Override
  public CalcitePrepare createPrepare() {
    return new StatementCache();
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(DicomUrl.PREFIX);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    if (RemoteUrl.accepts(url)) {
      return RemoteDriver.INSTANCE.open(RemoteUrl.parse(url, info));
    }
    DicomUrl parsed = DicomUrl.parse(url, info);
    if (!Files.isDirectory(parsed.dataRoot())) {
      throw new SQLException("data folder " + parsed.dataRoot().toAbsolutePath()
          + (Files.exists(parsed.dataRoot()) ? " is not a folder" : " does not exist"), "08001");
    }
    warmUp.startOnce(this);
    DicomConnection connection = calciteConnection();
    connection.open(new DicomSchema(parsed.dataRoot().toAbsolutePath(), parsed.indexOptions(),
        parsed.rasterCaches()), url);
    return connection;
  }

  /**
   * A connection to {@link DicomSchema#withoutRows()}: every table there, none with a row, no
   * data folder and no index; what {@link PlannerWarmUp} plans its statements on.
   */
  Connection connectWithoutRows() throws SQLException {
    DicomConnection connection = calciteConnection();
    connection.open(DicomSchema.withoutRows(), DicomUrl.PREFIX);
    return connection;
  }

  /** Calcite's connection with our dialect, its default schema not yet set. */
  private DicomConnection calciteConnection() throws SQLException {
    Properties calcite = new Properties();
    calcite.setProperty("quoting", "DOUBLE_QUOTE");
    calcite.setProperty("unquotedCasing", "UNCHANGED");
    calcite.setProperty("quotedCasing", "UNCHANGED");
    calcite.setProperty("caseSensitive", "false");
    calcite.setProperty("conformance", "LENIENT");
    // PostgreSQL's functions and operators besides the standard ones: ILIKE, STRING_AGG, ...
    calcite.setProperty("fun", "standard,postgresql");
    calcite.setProperty("typeSystem", DicomTypeSystem.class.getName() + "#INSTANCE");
    // No schema of ours defines materialized views. With materializations on, every planner
    // would register Calcite's materialized-view rules, whose configurations build all of
    // Calcite's core rules in each new JVM (see PlannerSetUp).
    calcite.setProperty("materializationsEnabled", "false");
    // Babel's parser takes keywords as names where they can only be names, so that the
    // contract's columns value and columns need no quotes; ours does so for rows, too.
    calcite.setProperty("parserFactory", DicomParser.class.getName() + "#FACTORY");
    return (DicomConnection) super.connect(DicomUrl.PREFIX, calcite);
  }
}
