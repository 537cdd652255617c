package dev.booty.plugins.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Work on every host at once (hosts wait on the network, not on this machine's cores). */
final class Parallel {

  private Parallel() {}

  /**
   * {@code work} applied to every item on its own virtual thread, the results in the items' order.
   * Waits for all; the first failure (in the items' order) is rethrown after all have ended.
   */
  static <T, R> List<R> map(List<T> items, Function<T, R> work) {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(threads.submit(() -> work.apply(item)));
      }
      List<R> results = new ArrayList<>();
      RuntimeException first = null;
      for (Future<R> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          RuntimeException failure =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException(e.getCause());
          if (first == null) {
            first = failure;
          } else {
            first.addSuppressed(failure);
          }
          results.add(null);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while working on hosts", e);
        }
      }
      if (first != null) {
        throw first;
      }
      return results;
    }
  }
}
