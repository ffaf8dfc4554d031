package dicomsql.engine.index;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link IndexProgress} that keeps the notices it is told, for tests to check. */
final class RecordedNotices implements IndexProgress {
  final List<String> notices = new CopyOnWriteArrayList<>();

  @Override
  public void reading(long files, long bytes) {}

  @Override
  public void read(long bytes, boolean failed) {}

  @Override
  public void deriving() {}

  @Override
  public void notice(String message) {
    notices.add(message);
  }
}
