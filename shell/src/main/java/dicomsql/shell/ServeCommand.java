package dicomsql.shell;

import dicomsql.server.ByteSize;
import dicomsql.server.DicomServer;
import dicomsql.server.ServeOptions;
import dicomsql.server.ServerLog;
import dicomsql.server.StatementLimits;
import dicomsql.server.UsersFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dicomsql serve}: one index, many remote JDBC clients over Avatica's protocol; with
 * {@code --add-user}, adds a user to a users file instead.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve SQL over DATA_DIR to remote JDBC clients (Avatica's thin driver: "
        + "jdbc:avatica:remote:url=http://HOST:PORT;serialization=protobuf). Safe by default: "
        + "listens on loopback only, refuses any other address without --users, read-only, "
        + "with a time and row limit per statement; idle connections are closed and the index "
        + "is kept up to date in the background. GET /health answers \"ok\". SIGTERM lets "
        + "running statements finish (up to --grace) and exits 0. "
        + "With --add-user NAME: add a user (or set a password) in the users file, reading "
        + "the password from the console or the first line of standard input.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  dicomsql serve ~/data/hcc",
        "      loopback only, no password: jdbc:avatica:remote:url=http://127.0.0.1:8765;"
            + "serialization=protobuf",
        "  dicomsql serve --add-user alice --users ~/dicomsql-users",
        "  DICOMSQL_KEYSTORE_PASSWORD=... dicomsql serve ~/data/hcc --bind 0.0.0.0 "
            + "--users ~/dicomsql-users --keystore server.p12"})
final class ServeCommand implements Callable<Integer> {
  /** Where a keystore's password comes from: never the command line, which others can see. */
  static final String KEYSTORE_PASSWORD = "DICOMSQL_KEYSTORE_PASSWORD";

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DATA_DIR",
      description = "Folder of DICOM files to serve (only ever read).")
  private Path data;

  @Option(names = "--add-user", paramLabel = "NAME",
      description = "Add a user to the users file (or set their password) and exit.")
  private String addUser;

  @Option(names = "--index", paramLabel = "DIR",
      description = "Where the index lives (default: a folder per DATA_DIR in the user cache).")
  private Path index;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}); any other than loopback "
          + "needs --users.")
  private String bind;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8765",
      description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one, logged).")
  private int port;

  @Option(names = "--users", paramLabel = "FILE",
      description = "Users file: clients must give a user name and password (HTTP Basic). "
          + "Default for --add-user: ~/.config/dicomsql/users.")
  private Path users;

  @Option(names = "--keystore", paramLabel = "FILE",
      description = "Serve HTTPS with the key in this keystore (PKCS12 or JKS); its password "
          + "comes from the environment variable " + KEYSTORE_PASSWORD + ".")
  private Path keystore;

  @Option(names = "--statement-timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "Cancel a statement running longer (default: ${DEFAULT-VALUE}; 0: never).")
  private long statementTimeout;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000000",
      description = "Most rows a result returns (default: ${DEFAULT-VALUE}; 0: no limit).")
  private long maxRows;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "Close a connection unused this long (default: ${DEFAULT-VALUE}).")
  private long idleTimeout;

  @Option(names = "--refresh-interval", paramLabel = "SECONDS", defaultValue = "60",
      description = "Bring the index up to date this often (default: ${DEFAULT-VALUE}; "
          + "0: only at start).")
  private long refreshInterval;

  @Option(names = "--raster-cache", paramLabel = "SIZE",
      description = "Memory the raster functions of all connections keep together (decoded "
          + "images, ROI masks, image stacks, statistics), e.g. 256MB or 2GB (default: a "
          + "quarter of the Java heap, at most 512MB; the heap is set with "
          + "DICOMSQL_JAVA_OPTS=-Xmx...).")
  private String rasterCache;

  @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "30",
      description = "On SIGTERM, wait this long for running statements (default: "
          + "${DEFAULT-VALUE}).")
  private long grace;

  @Override
  public Integer call() throws Exception {
    if (addUser != null) {
      return addUser();
    }
    if (data == null) {
      throw new IllegalArgumentException("DATA_DIR is missing: dicomsql serve DATA_DIR "
          + "(see dicomsql serve --help)");
    }
    ServeOptions options = new ServeOptions(data, index, bind, port, users, keystore,
        keystorePassword(), new StatementLimits(Duration.ofSeconds(statementTimeout), maxRows),
        Duration.ofSeconds(idleTimeout), Duration.ofSeconds(refreshInterval),
        Duration.ofSeconds(grace), rasterCache == null ? ServeOptions.defaultRasterCache()
            : ByteSize.parse("--raster-cache", rasterCache));
    if (keystore == null && !options.loopbackOnly()) {
      ServerLog.line("warning: without --keystore, passwords and data cross the network "
          + "unencrypted");
    }
    DicomServer server = DicomServer.start(options);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop();
      } catch (Exception e) {
        ServerLog.line("stopping failed: " + e.getMessage());
      }
      // A stop on SIGTERM is the normal end of a server: say so to the supervisor.
      Runtime.getRuntime().halt(0);
    }, "dicomsql-stop"));
    ServerLog.line("serving " + data.toAbsolutePath() + " on " + server.clientUrl()
        + (users == null ? " (no authentication)" : " (users from " + users + ")")
        + "; raster cache " + ByteSize.format(options.rasterCache()));
    server.join();
    return 0;
  }

  private char[] keystorePassword() {
    if (keystore == null) {
      return new char[0];
    }
    String password = System.getenv(KEYSTORE_PASSWORD);
    if (password == null) {
      throw new IllegalArgumentException("--keystore needs its password in the environment "
          + "variable " + KEYSTORE_PASSWORD);
    }
    return password.toCharArray();
  }

  private int addUser() throws IOException {
    Path file = users != null ? users : defaultUsersFile();
    char[] password = readPassword();
    try {
      UsersFile.put(file, addUser, password);
    } finally {
      Arrays.fill(password, '\0');
    }
    spec.commandLine().getOut().println("User " + addUser + " saved in " + file
        + "; serve with --users " + file);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private char[] readPassword() throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("Password for %s: ", addUser);
      char[] again = console.readPassword("Same password again: ");
      if (first == null || !Arrays.equals(first, again)) {
        throw new IllegalArgumentException("the two passwords differ");
      }
      Arrays.fill(again, '\0');
      return first;
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        .readLine();
    if (line == null) {
      throw new IllegalArgumentException("no password on standard input");
    }
    return line.toCharArray();
  }

  private static Path defaultUsersFile() {
    String config = System.getenv("XDG_CONFIG_HOME");
    Path base = config != null && !config.isBlank() ? Path.of(config)
        : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("dicomsql").resolve("users");
  }
}
