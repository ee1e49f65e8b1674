package io.modelmap.aggregator.support;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Work too slow for the stream thread (a refit at |T| ≈ 800 takes seconds), run on a background
 * thread from a snapshot of the state; the stream thread collects the results on its next
 * punctuation, so it keeps predicting new models from the current fits meanwhile. One job per key
 * at a time.
 */
public final class BackgroundJobs<R> {
  private final ExecutorService executor;
  private final BackgroundBudget budget;
  private final Map<String, Future<R>> inFlight = new LinkedHashMap<>();

  public BackgroundJobs(ExecutorService executor, BackgroundBudget budget) {
    this.executor = executor;
    this.budget = budget;
  }

  /** One daemon thread for a processor's background work (it must not keep a closing JVM alive). */
  public static ExecutorService daemonThread(String name) {
    return java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Whether the budget shared by the jobs on this executor allows starting one now. */
  public boolean mayStart() {
    return budget.allowsStart();
  }

  public boolean running(String key) {
    return inFlight.containsKey(key);
  }

  public void submit(String key, Callable<R> job) {
    if (running(key)) {
      throw new IllegalStateException("a job for " + key + " is still running");
    }
    inFlight.put(key, executor.submit(() -> budget.charge(job)));
  }

  /** The finished jobs' results, by key, in submission order; a job's failure is rethrown here. */
  public Map<String, R> drainFinished() {
    Map<String, R> finished = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, Future<R>>> it = inFlight.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Future<R>> job = it.next();
      if (job.getValue().isDone()) {
        it.remove();
        finished.put(job.getKey(), result(job.getKey(), job.getValue()));
      }
    }
    return finished;
  }

  public boolean idle() {
    return inFlight.isEmpty();
  }

  private static <R> R result(String key, Future<R> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("background job " + key + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while collecting " + key, e);
    }
  }
}
