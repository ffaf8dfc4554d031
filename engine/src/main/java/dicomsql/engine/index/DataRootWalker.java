package dicomsql.engine.index;

import dicomsql.engine.dicom.PathText;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveTask;

/**
 * Lists every regular file under a data root with what a refresh compares (size, modification
 * and change times, inode), leaving out hidden files and folders. Symbolic links are followed,
 * but every folder (known by device and inode) is read once in the whole walk: a link to a
 * folder already read (a parent: a loop; or any other) is a reported entry, not a second copy
 * of the tree. The folders themselves are read first, in parallel: a task per folder near the
 * root, which the threads share out as they go, so that a root of one folder keeps them all as
 * busy as a root of thousands; then the links to folders, in path order, so that the same tree
 * always gives the same list. Paths are relative to the root with {@code /} separators, in
 * sorted order.
 */
public final class DataRootWalker {
  /** A file found, or (with {@code error}) a file or folder that could not be visited. */
  public record Found(String path, long size, long modified, long changed, long inode,
      String error) {
    static Found of(String path, FileStat stat) {
      return new Found(path, stat.size(), stat.modified(), stat.changed(), stat.inode(), null);
    }

    static Found failed(String path, String error) {
      return new Found(path, 0, 0, 0, 0, error);
    }

    /**
     * The file under the data root it was found in. Not kept with each file: at seed scale
     * the walk's paths held about 60 MB that the collector copied, when only the files that
     * changed are ever opened.
     */
    public Path file(Path root) {
      return PathText.resolve(root, path);
    }
  }

  static final String LOOP = "symbolic link loop: not followed";

  /**
   * Folders this deep (the root is 0) and less are a task of their own, which any thread may
   * take; those below are read on the thread of the folder above, one after the other, which
   * needs no stack however deep the tree goes.
   */
  private static final int TASK_DEPTH = 3;

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
    ForkJoinPool pool = new ForkJoinPool(threads, WalkThread::new, null, false);
    Listing listing;
    try {
      listing = pool.submit(new FolderTask(folders, root, "", 0)).get();
      PriorityQueue<Link> links = new PriorityQueue<>(Comparator.comparing(Link::path));
      links.addAll(listing.links);
      while (!links.isEmpty()) {
        Link link = links.poll();
        listing.ordered = false;
        String seenAs = folders.putIfAbsent(link.key(), link.path());
        if (seenAs != null) {
          listing.found.add(Found.failed(link.path(), readAlready(seenAs, link.path())));
          continue;
        }
        Listing linked = pool.submit(new FolderTask(folders, link.file(), link.path(), 1)).get();
        listing.found.addAll(linked.found);
        links.addAll(linked.links);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("listing the data folder was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException rootUnreadable) {
        throw rootUnreadable.getCause();
      }
      throw new IllegalStateException("listing the data folder failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    foldersRead.addAll(folders.values());
    if (listing.ordered) {
      return listing.found;
    }
    // Links, or a folder that could not be read (its path sorts before its key), put some
    // entries out of place; the rest is in order, so this mostly merges.
    Found[] sorted = listing.found.toArray(new Found[0]);
    Arrays.sort(sorted, Comparator.comparing(Found::path));
    return new ArrayList<>(Arrays.asList(sorted));
  }

  /** A thread of the walk's pool, named as such. */
  private static final class WalkThread extends ForkJoinWorkerThread {
    WalkThread(ForkJoinPool pool) {
      super(pool);
      setName("dicomsql-walk");
      setDaemon(true);
    }
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
      return new Visit(found.path(), null, found.path(), found);
    }

    static Visit folder(Path file, String path) {
      return new Visit(path + "/", file, path, null);
    }
  }

  /**
   * What the walk of one folder's tree found: its files in path order (each folder's entries
   * sorted, and a folder's tree before its next sibling), unless {@code ordered} says
   * otherwise, and the links to folders met, to follow later.
   */
  private static final class Listing {
    private final List<Found> found = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private boolean ordered = true;

    void add(Listing below) {
      found.addAll(below.found);
      links.addAll(below.links);
      ordered &= below.ordered;
    }
  }

  /**
   * Reads a folder (already claimed in {@code folders}) and everything below it: the folders
   * in it as tasks of their own down to {@link #TASK_DEPTH}, below that one after the other.
   */
  private static final class FolderTask extends RecursiveTask<Listing> {
    private final Map<Object, String> folders;
    private final Path folder;
    private final String path;
    private final int depth;

    FolderTask(Map<Object, String> folders, Path folder, String path, int depth) {
      this.folders = folders;
      this.folder = folder;
      this.path = path;
      this.depth = depth;
    }

    @Override
    protected Listing compute() {
      Listing listing = new Listing();
      List<Visit> listed = list(listing, folder, path);
      if (depth >= TASK_DEPTH) {
        readInTurn(listing, listed);
        return listing;
      }
      // Forked last first, so that this thread, taking its own newest task first, reads them
      // in order while the other threads take them from the far end.
      List<FolderTask> tasks = new ArrayList<>();
      for (Visit visit : listed) {
        tasks.add(visit.found() != null ? null
            : new FolderTask(folders, visit.file(), visit.path(), depth + 1));
      }
      for (int k = tasks.size() - 1; k >= 0; k--) {
        if (tasks.get(k) != null) {
          tasks.get(k).fork();
        }
      }
      for (int k = 0; k < listed.size(); k++) {
        if (tasks.get(k) == null) {
          listing.found.add(listed.get(k).found());
        } else {
          listing.add(tasks.get(k).join());
        }
      }
      return listing;
    }

    /** Reads the trees of the visits on this thread, depth first, each folder in path order. */
    private void readInTurn(Listing listing, List<Visit> visits) {
      Deque<Visit> toVisit = new ArrayDeque<>();
      for (int k = visits.size() - 1; k >= 0; k--) {
        toVisit.push(visits.get(k));
      }
      while (!toVisit.isEmpty()) {
        Visit next = toVisit.pop();
        if (next.found() != null) {
          listing.found.add(next.found());
          continue;
        }
        List<Visit> listed = list(listing, next.file(), next.path());
        for (int k = listed.size() - 1; k >= 0; k--) {
          toVisit.push(listed.get(k));
        }
      }
    }

    /**
     * The entries of one folder, sorted by key; a folder that cannot be read is reported in
     * {@code listing} instead, out of order, since its path sorts before its key. The root
     * that cannot be read fails the walk.
     */
    private List<Visit> list(Listing listing, Path folder, String path) {
      List<Visit> listed = new ArrayList<>();
      String prefix = path.isEmpty() ? "" : path + "/";
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
        for (Path entry : entries) {
          String name = name(entry);
          Visit visit = isHidden(name) ? null : entry(listing, entry, prefix + name);
          if (visit != null) {
            listed.add(visit);
          }
        }
      } catch (IOException e) {
        if (depth == 0) {
          throw new UncheckedIOException(e);
        }
        listing.found.add(Found.failed(path, describe(e)));
        listing.ordered = false;
        return List.of();
      }
      listed.sort(Visit.BY_KEY);
      return listed;
    }

    /**
     * Looks at one entry: a file found, or what went wrong, or a folder not read before, to
     * visit; null for a link to a folder (noted, to follow later) and for anything else.
     */
    private Visit entry(Listing listing, Path entry, String path) {
      FileStat stat;
      try {
        stat = FileStat.of(entry, false);
        if (stat.kind() == FileStat.Kind.LINK) {
          stat = followed(entry);
          if (stat.kind() == FileStat.Kind.FOLDER) {
            listing.links.add(new Link(path, entry, stat.key()));
            return null;
          }
        }
      } catch (IOException e) {
        return Visit.found(Found.failed(path, describe(e)));
      } catch (BrokenLink e) {
        return Visit.found(Found.failed(path, e.getMessage()));
      }
      if (stat.kind() == FileStat.Kind.FILE) {
        return Visit.found(Found.of(path, stat));
      }
      if (stat.kind() == FileStat.Kind.FOLDER) {
        String seenAs = folders.putIfAbsent(stat.key(), path);
        return seenAs == null ? Visit.folder(entry, path)
            : Visit.found(Found.failed(path, readAlready(seenAs, path)));
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
