package dicomsql.engine.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs the parts of one piece of work at once, the first on the calling thread and each other
 * on a thread of its own, and returns only when every part is done, also when one failed:
 * the parts work on a store that the caller closes next.
 */
final class Parallel {
  private Parallel() {}

  /**
   * The results of {@code part} applied to 0, 1, ... {@code parts - 1}, in that order; the
   * threads of the parts after the first are named {@code name}. The failure of a part is
   * thrown once all are done (the first part's before the others').
   */
  static <T> List<T> run(String name, int parts, IntFunction<T> part) {
    List<Future<T>> others = new ArrayList<>();
    if (parts > 1) {
      ExecutorService pool = Executors.newFixedThreadPool(parts - 1, runnable -> {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
      });
      for (int k = 1; k < parts; k++) {
        int index = k;
        others.add(pool.submit(() -> part.apply(index)));
      }
      pool.shutdown();
    }
    T first;
    try {
      first = part.apply(0);
    } finally {
      awaitAll(others);
    }
    List<T> results = new ArrayList<>(parts);
    results.add(first);
    for (Future<T> other : others) {
      results.add(resultOf(other));
    }
    return results;
  }

  /** Waits for every task, keeping an interruption for after. */
  private static void awaitAll(List<? extends Future<?>> tasks) {
    boolean interrupted = false;
    for (Future<?> task : tasks) {
      while (!task.isDone()) {
        try {
          task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A finished task's result, or what it threw. */
  private static <T> T resultOf(Future<T> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      throw new IllegalStateException("a finished task cannot be waited for", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
