package dicomsql.engine.index;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A separate process that holds an exclusive OS lock on a file, as a program that opened an
 * index for writing would. Argument: the file. Prints {@code locked}, then holds the lock until
 * it is killed.
 */
public final class FileLockChild {
  private FileLockChild() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      channel.lock();
      System.out.println("locked");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
