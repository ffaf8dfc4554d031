package dicomsql.server.web;

import dicomsql.connector.functions.RasterCaches;
import dicomsql.jdbc.DicomDriver;
import dicomsql.server.StatementLimits;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * What the console needs from the server's options.
 *
 * @param driverUrl the {@code jdbc:dicom:} URL its connections open (the server's own)
 * @param dataRoot the data folder, which the viewer reads pixel data from
 * @param limits time and rows per statement, as for Avatica's clients
 * @param idleTimeout a console session unused this long is closed with its connection
 * @param rasterCaches the server's one budget for raster work, which the console's connections
 *     and its viewer share with the Avatica clients' connections
 */
public record ConsoleSettings(String driverUrl, Path dataRoot, StatementLimits limits,
    Duration idleTimeout, RasterCaches rasterCaches) {

  /** A connection of the console's, within the server's raster budget. */
  Connection connect() throws SQLException {
    Properties info = new Properties();
    info.put(DicomDriver.RASTER_CACHES, rasterCaches);
    return DriverManager.getConnection(driverUrl, info);
  }
}
