package dicomsql.engine.index;

/**
 * Told how a build or refresh is going, from one thread at a time; the shell draws a bar and
 * prints notices on stderr.
 */
public interface IndexProgress {
  /** The files to read are known: how many and how many bytes. */
  void reading(long files, long bytes);

  /** One file was read (or failed, or was skipped as not data). */
  void read(long bytes, boolean failed);

  /** Reading is over; series, studies, patients and ROIs are being derived. */
  void deriving();

  /**
   * Something the user should know now, in one line: waiting for another process, or answering
   * from an index that could not be brought up to date, and why.
   */
  default void notice(String message) {}

  /** Nothing to show. */
  IndexProgress NONE = new IndexProgress() {
    @Override
    public void reading(long files, long bytes) {}

    @Override
    public void read(long bytes, boolean failed) {}

    @Override
    public void deriving() {}
  };
}
