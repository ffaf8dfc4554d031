package dicomsql.shell;

import java.util.concurrent.atomic.LongAdder;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar over files (count, rate, time left) on the terminal's stderr; silent when
 * stderr is not a terminal, so scripts and logs get no control characters. Notices are printed
 * either way.
 */
final class FileProgress implements AutoCloseable {
  private final String task;
  private final boolean interactive;
  private final LongAdder files = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private ProgressBar bar;

  FileProgress(String task) {
    this.task = task;
    this.interactive = System.console() != null;
  }

  /** Called once the total is known. */
  void start(long total) {
    if (interactive) {
      bar = new ProgressBarBuilder()
          .setTaskName(task)
          .setInitialMax(total)
          .setUnit(" files", 1)
          .showSpeed()
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
          .setUpdateIntervalMillis(200)
          .continuousUpdate()
          .build();
    }
  }

  /** Called from any thread after each file. */
  void step(long fileBytes) {
    files.increment();
    bytes.add(fileBytes);
    if (bar != null) {
      bar.step();
    }
  }

  /**
   * A line the user must see even when stderr is not a terminal (a skipped refresh, a wait for
   * another process), as one line on stderr.
   */
  void notice(String message) {
    System.err.println("dicomsql: " + message);
    System.err.flush();
  }

  long files() {
    return files.sum();
  }

  long bytes() {
    return bytes.sum();
  }

  /** Ends the bar; calling it again does nothing. */
  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
