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
        "The SQL shell, the index and the JDBC driver are not built yet; see README.md."
    },
    subcommands = {CommandLine.HelpCommand.class})
public final class DicomsqlCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  /** The configured command line, shared by {@link Main} and tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new DicomsqlCommand());
    commandLine.setUsageHelpAutoWidth(true);
    return commandLine;
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
