package dicomsql.engine.index;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * Lists every regular file under a data root with its size and modification time, following
 * symbolic links (loops are reported, not followed) and leaving out hidden files and folders.
 * Paths are relative to the root with {@code /} separators, in sorted order.
 */
final class DataRootWalker {
  /** A file found, or (with {@code error}) a file or folder that could not be visited. */
  record Found(String path, Path file, long size, long modified, String error) {}

  private DataRootWalker() {}

  static List<Found> walk(Path root) throws IOException {
    List<Found> found = new ArrayList<>();
    Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && !isHidden(file)) {
              found.add(new Found(relative(root, file), file, attrs.size(),
                  attrs.lastModifiedTime().toMillis(), null));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!file.equals(root)) {
              found.add(new Found(relative(root, file), file, 0, 0, describe(e)));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort(Comparator.comparing(Found::path));
    return found;
  }

  private static boolean isHidden(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(File.separatorChar, '/');
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
