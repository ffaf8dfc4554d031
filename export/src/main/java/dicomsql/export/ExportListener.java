package dicomsql.export;

/** Hears how an export goes, for a progress bar; called from several threads. */
public interface ExportListener {
  ExportListener NONE = new ExportListener() {
    @Override
    public void planned(long files) {}

    @Override
    public void wrote(String file) {}
  };

  /** Once, when the files to write are known. */
  void planned(long files);

  /** After each file, written or failed. */
  void wrote(String file);
}
