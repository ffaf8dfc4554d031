package dicomsql.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jline.terminal.Terminal;

/**
 * Shows output taller or wider than the terminal through a pager, as psql does: the command in
 * {@code $PAGER}, else {@code less -SRFX} (long lines scroll sideways, colours pass, and less
 * leaves the text on the screen). An empty {@code $PAGER} turns paging off, as does
 * {@code \pset pager off}. Output that fits is printed as it is. Only the interactive shell
 * pages; scripts, {@code -c} and {@code -e} never do.
 */
final class Pager {
  static final String DEFAULT = "less -SRFX";
  /** What {@code sh} exits with when it cannot run the command: not executable, not found. */
  private static final int NOT_EXECUTABLE = 126;
  private static final int NOT_FOUND = 127;

  private final Terminal terminal;
  private final String command;
  private boolean on;

  /** @param command the shell command that pages its standard input; null or blank: none */
  Pager(Terminal terminal, String command) {
    this.terminal = terminal;
    this.command = command == null || command.isBlank() ? null : command;
    this.on = this.command != null;
  }

  /** The pager of the environment: {@code $PAGER} when set (empty: none), else less. */
  static String command(Map<String, String> environment) {
    String pager = environment.get("PAGER");
    return pager != null ? pager : DEFAULT;
  }

  boolean on() {
    return on;
  }

  /** Turns paging on (when there is a pager to use) or off; false when there is none. */
  boolean on(boolean wanted) {
    on = wanted && command != null;
    return on == wanted;
  }

  /** Prints the text, through the pager when it does not fit the terminal. */
  void show(String text) {
    PrintWriter out = terminal.writer();
    if (!on || fits(text) || !paged(text)) {
      out.print(text);
    }
    out.flush();
  }

  /** Whether the text fits the terminal: no wider, and leaving a line for the prompt. */
  private boolean fits(String text) {
    int width = terminal.getWidth();
    int height = terminal.getHeight();
    if (width <= 0 || height <= 0) {
      return true;
    }
    long lines = text.lines().count();
    return lines < height && text.lines().allMatch(line -> line.codePointCount(0, line.length()) <= width);
  }

  /**
   * Runs the pager on the text, on the terminal the shell runs on (between two reads of a
   * line the terminal is in its normal mode and nothing reads keys, so they are the pager's);
   * false when it could not run (not executable, not found), so that the text is printed instead.
   */
  private boolean paged(String text) {
    terminal.writer().flush();
    try {
      Process pager = new ProcessBuilder("sh", "-c", command)
          .redirectOutput(ProcessBuilder.Redirect.INHERIT)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try (OutputStream in = pager.getOutputStream()) {
        in.write(text.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // The pager quit before reading everything (q in less): what it showed is enough.
      }
      int exit = pager.waitFor();
      return exit != NOT_EXECUTABLE && exit != NOT_FOUND;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
