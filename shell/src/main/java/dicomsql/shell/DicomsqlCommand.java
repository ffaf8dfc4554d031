package dicomsql.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code dicomsql} command: usage, version, and the subcommands. */
@Command(
    name = "dicomsql",
    mixinStandardHelpOptions = true,
    versionProvider = DicomsqlCommand.Version.class,
    description = {
        "SQL over folders of DICOM files (CT series, RT Structure Sets).",
        "",
        "The SQL shell and the JDBC driver are not built yet; see README.md."
    },
    subcommands = {IndexCommand.class, GenerateCommand.class, DemoCommand.class,
        CommandLine.HelpCommand.class})
public final class DicomsqlCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Show the stack trace of errors.")
  private boolean verbose;

  /** The configured command line, shared by {@link Main} and tests. */
  public static CommandLine commandLine() {
    DicomsqlCommand command = new DicomsqlCommand();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setUsageHelpAutoWidth(true);
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

  /** Exit status of a failed command: the data or SQL was wrong, or a file could not be read. */
  static final int DATA_ERROR = 1;
  /** Exit status of a command line that makes no sense. */
  static final int USAGE_ERROR = 2;

  private static String message(Exception e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
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
