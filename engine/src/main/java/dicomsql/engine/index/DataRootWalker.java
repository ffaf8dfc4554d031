package dicomsql.engine.index;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Lists every regular file under a data root with its size and modification time, following
 * symbolic links (loops are reported, not followed) and leaving out hidden files and folders.
 * The root's sub-folders are walked in parallel. Paths are relative to the root with {@code /}
 * separators, in sorted order.
 */
final class DataRootWalker {
  /** A file found, or (with {@code error}) a file or folder that could not be visited. */
  record Found(String path, Path file, long size, long modified, String error) {}

  private DataRootWalker() {}

  static List<Found> walk(Path root, int threads) throws IOException {
    List<Path> folders = new ArrayList<>();
    List<Found> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        if (isHidden(entry)) {
          continue;
        }
        if (Files.isDirectory(entry)) {
          folders.add(entry);
        } else {
          found.addAll(walkOne(root, entry));
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "dicomsql-walk");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<List<Found>>> parts = new ArrayList<>();
      for (Path folder : folders) {
        parts.add(pool.submit(() -> walkOne(root, folder)));
      }
      for (Future<List<Found>> part : parts) {
        found.addAll(part.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("listing the data folder was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      throw new IllegalStateException("listing the data folder failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    found.sort(Comparator.comparing(Found::path));
    return found;
  }

  private static List<Found> walkOne(Path root, Path start) {
    String prefix = root.toString() + File.separator;
    List<Found> found = new ArrayList<>();
    try {
      Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && !isHidden(file)) {
                found.add(new Found(relative(prefix, file), file, attrs.size(),
                    attrs.lastModifiedTime().toMillis(), null));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              found.add(new Found(relative(prefix, file), file, 0, 0, describe(e)));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static boolean isHidden(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  private static String relative(String prefix, Path file) {
    String path = file.toString();
    String relative = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    return File.separatorChar == '/' ? relative : relative.replace(File.separatorChar, '/');
  }

  private static String describe(IOException e) {
    if (e instanceof FileSystemLoopException) {
      return "symbolic link loop: not followed";
    }
    if (e instanceof AccessDeniedException) {
      return "cannot read: permission denied";
    }
    return "cannot read: " + e.getMessage();
  }
}
