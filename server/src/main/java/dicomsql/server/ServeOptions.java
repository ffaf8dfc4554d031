package dicomsql.server;

import dicomsql.connector.functions.RasterCaches;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code dicomsql serve} runs: the data folder and its index, where it listens, who may
 * connect, and the limits it puts on connections and statements.
 *
 * @param dataRoot the folder of DICOM files (only ever read)
 * @param index the index folder, or null for the default one of the data folder
 * @param bind the address to listen on; anything but loopback needs {@code users}
 * @param port the TCP port; 0 picks a free one
 * @param users the users file (HTTP Basic authentication), or null for none
 * @param keystore a Java keystore (PKCS12 or JKS) holding the TLS key, or null for plain HTTP
 * @param keystorePassword the keystore's password (ignored without a keystore)
 * @param limits time and rows per statement
 * @param idleTimeout a connection unused this long is closed
 * @param refreshInterval how often the index is brought up to date; zero: never
 * @param gracePeriod how long stopping waits for running statements
 * @param rasterCache bytes the raster functions of all connections keep together (decoded
 *     images, masks, stacks, statistics, contours)
 */
public record ServeOptions(Path dataRoot, Path index, String bind, int port, Path users,
    Path keystore, char[] keystorePassword, StatementLimits limits, Duration idleTimeout,
    Duration refreshInterval, Duration gracePeriod, long rasterCache) {
  /** The least {@code --raster-cache}: under it every raster query would decode afresh. */
  static final long SMALLEST_RASTER_CACHE = 1L << 20;

  /**
   * Refuses what is unsafe or meaningless, each with a one-line message: listening beyond this
   * machine without authentication, a port out of range, an idle timeout under a second, a
   * raster cache under 1 MB or as large as the heap.
   */
  public ServeOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, not " + port);
    }
    if (users == null && !isLoopback(bind)) {
      throw new IllegalArgumentException("refusing to serve on " + bind + " without "
          + "authentication: anyone who reaches it could read the data. Give --users FILE "
          + "(create it with dicomsql serve --add-user NAME), or bind to 127.0.0.1");
    }
    if (idleTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("--idle-timeout must be at least 1 s");
    }
    // A connection is idle for Avatica while its one statement runs: expiring it then would
    // close the connection under the statement.
    if (!limits.timeout().isZero() && idleTimeout.compareTo(limits.timeout()) <= 0) {
      throw new IllegalArgumentException("--idle-timeout (" + idleTimeout.toSeconds()
          + " s) must be longer than --statement-timeout (" + limits.timeout().toSeconds()
          + " s)");
    }
    if (refreshInterval.isNegative() || gracePeriod.isNegative()) {
      throw new IllegalArgumentException("--refresh-interval and --grace must not be negative");
    }
    long heap = Runtime.getRuntime().maxMemory();
    if (rasterCache < SMALLEST_RASTER_CACHE || rasterCache >= heap) {
      throw new IllegalArgumentException("--raster-cache must be at least 1MB and less than "
          + "the Java heap (" + (heap >> 20) + "MB; more with DICOMSQL_JAVA_OPTS=-Xmx...), not "
          + ByteSize.format(rasterCache));
    }
    String data = dataRoot.toString() + (index == null ? "" : index.toString());
    if (data.contains(";")) {
      throw new IllegalArgumentException("the data and index folders must not contain ';' "
          + "(it separates the properties of a jdbc:dicom: URL)");
    }
  }

  /** The raster cache without {@code --raster-cache}: a quarter of the heap, at most 512 MB. */
  public static long defaultRasterCache() {
    return RasterCaches.defaultBudget();
  }

  /** Whether the address is this machine only (127.0.0.0/8, ::1, or a name for them). */
  static boolean isLoopback(String bind) {
    try {
      for (InetAddress address : InetAddress.getAllByName(bind)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--bind " + bind + " is not an address of this "
          + "machine: " + e.getMessage());
    }
  }

  /** Whether only this machine can reach the server. */
  public boolean loopbackOnly() {
    return isLoopback(bind);
  }

  /** Whether clients reach the server over TLS. */
  public boolean tls() {
    return keystore != null;
  }

  /** The URL the served connections use: the driver's own, never refreshing on a query. */
  String driverUrl(String refresh) {
    return "jdbc:dicom:" + dataRoot.toAbsolutePath() + ";refresh=" + refresh
        + (index == null ? "" : ";index=" + index.toAbsolutePath());
  }
}
