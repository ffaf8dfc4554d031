package dicomsql.engine.index;

import java.nio.file.Path;

/**
 * A separate process that opens an index, for tests that kill it mid-build or run two at once.
 * Arguments: data root, index folder, refresh (AUTO or NEVER), milliseconds to pause after each
 * file read (to give the test time to kill it), seconds to hold the index open after opening.
 * Prints {@code reading N} when it starts reading files, then {@code update KIND} and
 * {@code instances N} once open.
 */
public final class IndexChild {
  private IndexChild() {}

  public static void main(String[] args) throws Exception {
    long pause = Long.parseLong(args[3]);
    IndexProgress progress = new IndexProgress() {
      @Override
      public void reading(long files, long bytes) {
        System.out.println("reading " + files);
        System.out.flush();
      }

      @Override
      public void read(long bytes, boolean failed) {
        if (pause > 0) {
          try {
            Thread.sleep(pause);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }

      @Override
      public void deriving() {}
    };
    IndexOptions options = IndexOptions.defaults().withFolder(Path.of(args[1]))
        .withRefresh(IndexOptions.Refresh.valueOf(args[2])).withProgress(progress);
    try (DicomIndex index = DicomIndex.open(Path.of(args[0]), options)) {
      System.out.println("update " + index.update().kind());
      System.out.println("instances " + index.table("instances").size());
      System.out.flush();
      Thread.sleep(Long.parseLong(args[4]) * 1000);
    }
  }
}
