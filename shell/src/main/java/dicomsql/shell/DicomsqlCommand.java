package dicomsql.shell;

import dicomsql.engine.index.IndexLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code dicomsql} command: SQL over a data folder (interactive, one statement
 * with {@code -e}, or a script on standard input), and the subcommands.
 */
@Command(
    name = "dicomsql",
    mixinStandardHelpOptions = true,
    versionProvider = DicomsqlCommand.Version.class,
    description = "SQL over a folder of DICOM files (CT series, RT Structure Sets): an "
        + "interactive shell, or with -e one statement (several, separated by ';'), or a "
        + "script on standard input. The first query indexes the folder (with a progress bar); "
        + "the folder itself is only ever read.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  dicomsql ~/data/hcc",
        "  dicomsql ~/data/hcc -e \"SELECT phase, COUNT(*) FROM series GROUP BY phase\"",
        "  dicomsql ~/data/hcc --format csv < queries.sql > results.csv",
        "  dicomsql demo",
        "  dicomsql serve ~/data/hcc"},
    subcommands = {IndexCommand.class, ExportCommand.class, GenerateCommand.class,
        DemoCommand.class, ServeCommand.class,
        CommandLine.HelpCommand.class})
public final class DicomsqlCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Show the stack trace of errors.")
  private boolean verbose;

  @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "DATA_DIR",
      description = "Folder of DICOM files to query.")
  private Path data;

  @CommandLine.Option(names = {"-e", "--execute", "-c", "--command"}, paramLabel = "SQL",
      description = "Run the statement(s) and exit.")
  private String execute;

  @CommandLine.Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, csv, tsv or json (default: ${DEFAULT-VALUE}).")
  private String format;

  @CommandLine.Option(names = "--csv", description = "The same as --format csv.")
  private boolean csv;

  @CommandLine.Option(names = "--index", paramLabel = "DIR",
      description = "Where the index lives (default: a folder per DATA_DIR in the user cache).")
  private Path index;

  @CommandLine.Option(names = "--refresh", paramLabel = "auto|never",
      description = "Bring the index up to date first (auto, the default) or use it as it is.")
  private String refresh;

  @CommandLine.Option(names = "--phase-rules", paramLabel = "FILE",
      description = "Phase keyword rules to use instead of the built-in ones (see README).")
  private Path phaseRules;

  /** The configured command line, shared by {@link Main} and tests. */
  public static CommandLine commandLine() {
    DicomsqlCommand command = new DicomsqlCommand();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setUsageHelpAutoWidth(true);
    // Over System.out itself, so that checkError() sees a closed pipe (ClosedOutput).
    commandLine.setOut(new PrintWriter(System.out, false, StandardCharsets.UTF_8));
    commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
      if (command.verbose) {
        e.printStackTrace(line.getErr());
      } else {
        line.getErr().println("dicomsql: " + message(e));
      }
      line.getErr().flush();
      return e instanceof IllegalArgumentException ? USAGE_ERROR : DATA_ERROR;
    });
    return commandLine;
  }

  /**
   * Exit status when the reader of the output went away ({@code | head}): the status of a
   * program stopped by SIGPIPE, which the JVM ignores.
   */
  static final int OUTPUT_CLOSED = 141;

  /** Whether errors show their stack trace. */
  boolean verbose() {
    return verbose;
  }

  /** Exit status of a failed command: the data or SQL was wrong, or a file could not be read. */
  static final int DATA_ERROR = 1;
  /** Exit status of a command line that makes no sense. */
  static final int USAGE_ERROR = 2;

  private static String message(Exception e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  @Override
  public Integer call() throws Exception {
    if (data == null) {
      spec.commandLine().usage(spec.commandLine().getErr());
      return USAGE_ERROR;
    }
    ResultFormat resultFormat;
    try {
      resultFormat = csv ? ResultFormat.CSV : ResultFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format must be table, csv, tsv or json, not '"
          + format + "'");
    }
    DataFolder.check(data);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (SqlSession session = new SqlSession(data, index, refresh, phaseRules, resultFormat)) {
      DataFolder.checkIndexed(session, data);
      if (execute != null) {
        return script(session, execute, null, out, err, verbose);
      }
      if (System.console() == null) {
        return script(session, new String(System.in.readAllBytes(), StandardCharsets.UTF_8),
            "<stdin>", out, err, verbose);
      }
      new Repl(session, IndexLocation.cacheRoot().resolve("history"), verbose,
          Pager.command(System.getenv())).run();
      return 0;
    } catch (SQLException e) {
      err.println("dicomsql: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return DATA_ERROR;
    }
  }

  /**
   * Runs a script (statements and backslash commands); stops at the first error, which is one
   * line on stderr naming the script's line (with --verbose, its stack trace after), or when
   * the output is closed.
   *
   * @param source the script's name in errors, null for statements given with -e
   */
  static int script(SqlSession session, String text, String source, PrintWriter out,
      PrintWriter err, boolean verbose) {
    BackslashCommands commands = new BackslashCommands(session,
        new SessionNames(session.connection()), err, out);
    try {
      Script.Outcome outcome = new Script(session, commands, source).run(text);
      out.flush();
      if (outcome.failed()) {
        err.println("dicomsql:" + (source == null ? " " : "") + outcome.error());
        if (verbose && outcome.cause() != null) {
          outcome.cause().printStackTrace(err);
        }
        err.flush();
        return DATA_ERROR;
      }
      return 0;
    } catch (ClosedOutput e) {
      return OUTPUT_CLOSED;
    } finally {
      commands.close();
    }
  }

  /** Reads the version Maven wrote into {@code version.properties}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties properties = new Properties();
      try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
        properties.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {"dicomsql " + properties.getProperty("version"),
          "Java " + System.getProperty("java.version")};
    }
  }
}
