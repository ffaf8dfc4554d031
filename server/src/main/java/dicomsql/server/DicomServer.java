package dicomsql.server;

import dicomsql.connector.functions.RasterCaches;
import dicomsql.engine.index.IndexProgress;
import dicomsql.server.web.ConsoleSettings;
import dicomsql.server.web.WebConsole;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.LocalService;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code dicomsql serve}: the {@code jdbc:dicom:} driver behind Avatica's protobuf-over-HTTP
 * protocol, so that Avatica's thin driver on another machine queries one shared index. The
 * request path is: statistics (for a graceful stop) → {@code /health} → authentication (or
 * just noting the client's address) → {@code /cancel} → the web console ({@link WebConsole}:
 * its page and API) → Avatica's protocol ({@link ProtobufEndpoint}) → {@link ServedMeta} → the
 * driver.
 */
public final class DicomServer {
  private static final int THREADS = 64;

  private final Server jetty;
  private final ServerConnector connector;
  private final ServedMeta meta;
  private final ScheduledExecutorService background;
  private final IndexRefresher refresher;
  private final ServeOptions options;

  private DicomServer(Server jetty, ServerConnector connector, ServedMeta meta,
      ScheduledExecutorService background, IndexRefresher refresher, ServeOptions options) {
    this.jetty = jetty;
    this.connector = connector;
    this.meta = meta;
    this.background = background;
    this.refresher = refresher;
    this.options = options;
  }

  /**
   * Builds or refreshes the index, then listens. An IOException for an unreadable users file
   * or keystore, an SQLException when the index cannot be opened.
   */
  public static DicomServer start(ServeOptions options) throws Exception {
    UsersFile users = options.users() == null ? null : UsersFile.read(options.users());
    IndexRefresher refresher = new IndexRefresher(options, IndexProgress.NONE);
    refresher.refresh(true);
    RasterCaches rasterCaches = new RasterCaches(options.rasterCache());
    ServedMeta meta = new ServedMeta(options.driverUrl("never"), cacheSettings(options),
        options.limits(), rasterCaches);
    ProtobufEndpoint avatica = new ProtobufEndpoint(new LocalService(meta));
    HandlerWrapper access = users == null ? new AnonymousOrigin()
        : new BasicAuthentication(users);
    CancelEndpoint cancel = new CancelEndpoint(meta);
    WebConsole console = new WebConsole(new ConsoleSettings(options.driverUrl("never"),
        options.dataRoot(), options.limits(), options.idleTimeout(), rasterCaches));
    console.setHandler(avatica);
    cancel.setHandler(console);
    access.setHandler(cancel);
    HealthCheck health = new HealthCheck();
    health.setHandler(access);
    StatisticsHandler statistics = new StatisticsHandler();
    statistics.setHandler(health);

    QueuedThreadPool threads = new QueuedThreadPool(THREADS);
    threads.setName("dicomsql-http");
    Server jetty = new Server(threads);
    ServerConnector connector = connector(jetty, options);
    jetty.addConnector(connector);
    jetty.setHandler(statistics);
    jetty.setStopTimeout(options.gracePeriod().toMillis());
    jetty.setStopAtShutdown(false);
    try {
      jetty.start();
    } catch (IOException e) {
      meta.close();
      refresher.close();
      jetty.stop();
      throw new IOException("cannot listen on " + options.bind() + ":" + options.port() + ": "
          + e.getMessage(), e);
    }
    avatica.setServerAddress(options.bind() + ":" + connector.getLocalPort());

    ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "dicomsql-background");
      thread.setDaemon(true);
      return thread;
    });
    long expirySeconds = Math.max(1, options.idleTimeout().toSeconds() / 4);
    background.scheduleWithFixedDelay(meta::expireIdle, expirySeconds, expirySeconds,
        TimeUnit.SECONDS);
    background.scheduleWithFixedDelay(console::expireIdle, expirySeconds, expirySeconds,
        TimeUnit.SECONDS);
    Duration refresh = options.refreshInterval();
    if (!refresh.isZero()) {
      background.scheduleWithFixedDelay(() -> refresher.tick(console::indexChanged),
          refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }
    return new DicomServer(jetty, connector, meta, background, refresher, options);
  }

  /** Avatica's connection and statement caches expire what was not used for the idle time. */
  private static Properties cacheSettings(ServeOptions options) {
    String seconds = Long.toString(options.idleTimeout().toSeconds());
    Properties settings = new Properties();
    settings.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_DURATION.key(), seconds);
    settings.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_UNIT.key(),
        TimeUnit.SECONDS.name());
    settings.setProperty(JdbcMeta.StatementCacheSettings.EXPIRY_DURATION.key(), seconds);
    settings.setProperty(JdbcMeta.StatementCacheSettings.EXPIRY_UNIT.key(),
        TimeUnit.SECONDS.name());
    return settings;
  }

  private static ServerConnector connector(Server jetty, ServeOptions options) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector;
    if (options.tls()) {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(options.keystore().toAbsolutePath().toString());
      tls.setKeyStorePassword(new String(options.keystorePassword()));
      http.addCustomizer(new SecureRequestCustomizer());
      connector = new ServerConnector(jetty, tls, new HttpConnectionFactory(http));
    } else {
      connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    }
    connector.setHost(options.bind());
    connector.setPort(options.port());
    return connector;
  }

  /** The port the server listens on (the one picked, when asked for port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The thin driver's URL for this server. */
  public String clientUrl() {
    String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
    return "jdbc:avatica:remote:url=" + (options.tls() ? "https" : "http") + "://" + host + ":"
        + port() + ";serialization=protobuf";
  }

  /** Waits until the server has stopped. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /**
   * Stops taking requests, lets running ones finish for up to the grace period, then closes
   * every connection (and so lets go of the index).
   */
  public void stop() throws Exception {
    ServerLog.line("stopping: waiting up to " + options.gracePeriod().toSeconds()
        + " s for running statements");
    try {
      jetty.stop();
    } finally {
      background.shutdownNow();
      meta.close();
      refresher.close();
      ServerLog.line("stopped");
    }
  }
}
