package dicomsql.engine.index;

import dicomsql.engine.dicom.PathText;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Lists every regular file under a data root with what a refresh compares (size, modification
 * and change times, inode), leaving out hidden files and folders. Symbolic links are followed,
 * but every folder (known by device and inode) is read once in the whole walk: a link to a
 * folder already read (a parent: a loop; or any other) is a reported entry, not a second copy
 * of the tree. The folders themselves are read first, in parallel by sub-folder of the root;
 * then the links to folders, in path order, so that the same tree always gives the same list.
 * Paths are relative to the root with {@code /} separators, in sorted order.
 */
public final class DataRootWalker {
  /** A file found, or (with {@code error}) a file or folder that could not be visited. */
  public record Found(String path, Path file, long size, long modified, long changed, long inode,
      String error) {
    static Found of(String path, Path file, FileStat stat) {
      return new Found(path, file, stat.size(), stat.modified(), stat.changed(), stat.inode(),
          null);
    }

    static Found failed(String path, Path file, String error) {
      return new Found(path, file, 0, 0, 0, 0, error);
    }
  }

  static final String LOOP = "symbolic link loop: not followed";

  /** A symbolic link to a folder, to follow once the folders themselves are read. */
  private record Link(String path, Path file, Object key) {}

  private DataRootWalker() {}

  public static List<Found> walk(Path root, int threads) throws IOException {
    return walk(root, threads, new ArrayList<>());
  }

  /**
   * As {@link #walk(Path, int)}, also adding to {@code foldersRead} the path of every folder
   * read ({@code ""} for the root), for a caller that tells from their modification times
   * whether the tree has changed since.
   */
  public static List<Found> walk(Path root, int threads, Collection<String> foldersRead)
      throws IOException {
    Map<Object, String> folders = new ConcurrentHashMap<>();
    folders.put(FileStat.of(root, true).key(), "");
    Part top = new Part(folders);
    List<Visit> subfolders = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        String name = name(entry);
        Visit visit = isHidden(name) ? null : top.entry(entry, name);
        if (visit != null && visit.found() != null) {
          top.found.add(visit.found());
        } else if (visit != null) {
          subfolders.add(visit);
        }
      }
    }
    // In path order, so that the parts follow each other in order too.
    subfolders.sort(Visit.BY_KEY);
    List<Found> found = new ArrayList<>(top.found);
    PriorityQueue<Link> links = new PriorityQueue<>(Comparator.comparing(Link::path));
    links.addAll(top.links);
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "dicomsql-walk");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<Part>> parts = new ArrayList<>();
      for (Visit subfolder : subfolders) {
        parts.add(pool.submit(() -> new Part(folders).walk(subfolder.file(), subfolder.path())));
      }
      for (Future<Part> part : parts) {
        found.addAll(part.get().found);
        links.addAll(part.get().links);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("listing the data folder was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("listing the data folder failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    while (!links.isEmpty()) {
      Link link = links.poll();
      String seenAs = folders.putIfAbsent(link.key(), link.path());
      if (seenAs != null) {
        found.add(Found.failed(link.path(), link.file(), readAlready(seenAs, link.path())));
        continue;
      }
      Part part = new Part(folders).walk(link.file(), link.path());
      found.addAll(part.found);
      links.addAll(part.links);
    }
    // Each part is in path order already, so this mostly merges them (links, the root's own
    // files); in parallel where the common pool has threads (the walk's are done).
    Found[] sorted = found.toArray(new Found[0]);
    Arrays.parallelSort(sorted, Comparator.comparing(Found::path));
    foldersRead.addAll(folders.values());
    return new ArrayList<>(Arrays.asList(sorted));
  }

  /**
   * An entry of a folder to visit in path order: a file found (or what went wrong), or a folder
   * to read ({@code found} null). A folder's key ends in {@code /}, as every path below it does,
   * so that sorting siblings by key puts a folder's files where the paths sort
   * ({@code a-b} before {@code a/c}).
   */
  private record Visit(String key, Path file, String path, Found found) {
    static final Comparator<Visit> BY_KEY = Comparator.comparing(Visit::key);

    static Visit found(Found found) {
      return new Visit(found.path(), found.file(), found.path(), found);
    }

    static Visit folder(Path file, String path) {
      return new Visit(path + "/", file, path, null);
    }
  }

  /**
   * The files and links of one folder's tree, read on one thread, the files in path order: each
   * folder's entries sorted, and a folder's tree read before its next sibling. The final sort of
   * the whole walk then finds them in order, which sorting a file an entry at random cost most
   * of the walk's own time.
   */
  private static final class Part {
    private final Map<Object, String> folders;
    private final List<Found> found = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();

    Part(Map<Object, String> folders) {
      this.folders = folders;
    }

    /** Reads a folder (already claimed in {@code folders}) and everything below it. */
    Part walk(Path folder, String path) {
      Deque<Visit> toVisit = new ArrayDeque<>();
      toVisit.push(Visit.folder(folder, path));
      List<Visit> listed = new ArrayList<>();
      while (!toVisit.isEmpty()) {
        Visit next = toVisit.pop();
        if (next.found() != null) {
          found.add(next.found());
          continue;
        }
        listed.clear();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(next.file())) {
          for (Path entry : entries) {
            String name = name(entry);
            Visit visit = isHidden(name) ? null : entry(entry, next.path() + "/" + name);
            if (visit != null) {
              listed.add(visit);
            }
          }
        } catch (IOException e) {
          found.add(Found.failed(next.path(), next.file(), describe(e)));
        }
        listed.sort(Visit.BY_KEY);
        for (int k = listed.size() - 1; k >= 0; k--) {
          toVisit.push(listed.get(k));
        }
      }
      return this;
    }

    /**
     * Looks at one entry: a file found, or what went wrong, or a folder not read before, to
     * visit; null for a link to a folder (noted, to follow later) and for anything else.
     */
    Visit entry(Path entry, String path) {
      FileStat stat;
      try {
        stat = FileStat.of(entry, false);
        if (stat.kind() == FileStat.Kind.LINK) {
          stat = followed(entry);
          if (stat.kind() == FileStat.Kind.FOLDER) {
            links.add(new Link(path, entry, stat.key()));
            return null;
          }
        }
      } catch (IOException e) {
        return Visit.found(Found.failed(path, entry, describe(e)));
      } catch (BrokenLink e) {
        return Visit.found(Found.failed(path, entry, e.getMessage()));
      }
      if (stat.kind() == FileStat.Kind.FILE) {
        return Visit.found(Found.of(path, entry, stat));
      }
      if (stat.kind() == FileStat.Kind.FOLDER) {
        String seenAs = folders.putIfAbsent(stat.key(), path);
        return seenAs == null ? Visit.folder(entry, path)
            : Visit.found(Found.failed(path, entry, readAlready(seenAs, path)));
      }
      return null;
    }
  }

  /** What a link leads to; a link that leads nowhere says why. */
  private static FileStat followed(Path link) throws IOException, BrokenLink {
    try {
      return FileStat.of(link, true);
    } catch (IOException e) {
      Set<Path> seen = new HashSet<>();
      Path at = link.toAbsolutePath().normalize();
      while (Files.isSymbolicLink(at)) {
        if (!seen.add(at)) {
          throw new BrokenLink(LOOP);
        }
        at = at.resolveSibling(Files.readSymbolicLink(at)).normalize();
      }
      if (e instanceof NoSuchFileException) {
        throw new BrokenLink("symbolic link to a missing file: not followed");
      }
      throw e;
    }
  }

  /** A symbolic link that cannot be followed. */
  private static final class BrokenLink extends Exception {
    BrokenLink(String message) {
      super(message, null, false, false);
    }
  }

  /** Why a folder reached again is not read: it holds the link (a loop), or is elsewhere. */
  private static String readAlready(String seenAs, String path) {
    if (seenAs.isEmpty() || path.startsWith(seenAs + "/")) {
      return LOOP;
    }
    return "the same folder as " + seenAs + ": not followed";
  }

  private static String name(Path entry) {
    return PathText.name(entry);
  }

  private static boolean isHidden(String name) {
    return name.startsWith(".");
  }

  /** An I/O error as a scan error says it. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "cannot read: permission denied";
    }
    return "cannot read: " + e.getMessage();
  }
}
