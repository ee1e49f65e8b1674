package io.modelmap.aggregator.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.sse.Emitter;
import io.modelmap.http.ClientSlots;
import io.modelmap.http.HttpError;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/events}: server-sent events, one {@code update} per record on an output topic. A
 * stream is an asynchronous request and holds no request thread; a ticker hands streams with events or
 * a due heartbeat to writer threads (at most one per stream, so a stalled client stalls only itself).
 * An address holds at most {@link EventStreamLimits#perAddress()} streams (429), the instance at most
 * {@value UpdateBroadcaster#MAX_SUBSCRIBERS} (503); the heartbeat finds a client that left within two
 * beats and frees its place.
 */
final class EventStreams implements Handler, AutoCloseable {
  private static final long TICK_MILLIS = 100;
  private final UpdateBroadcaster updates;
  private final ClientSlots slots;
  private final long heartbeatNanos;
  private final Set<EventStreamClient> clients = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
      daemon("event-stream-ticker"));
  private final ThreadPoolExecutor writers = new ThreadPoolExecutor(0, UpdateBroadcaster.MAX_SUBSCRIBERS, 30,
      TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("event-stream-writer"));

  EventStreams(UpdateBroadcaster updates, EventStreamLimits limits) {
    this.updates = updates;
    this.slots = new ClientSlots(limits.perAddress());
    this.heartbeatNanos = limits.heartbeat().toNanos();
    ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void handle(Context ctx) {
    ClientSlots.Slot slot = slots.acquire(ctx.req().getRemoteAddr());
    Optional<BlockingQueue<String>> subscription = updates.subscribe();
    if (subscription.isEmpty()) {
      slot.close();
      throw new HttpError(503, "this instance already serves " + UpdateBroadcaster.MAX_SUBSCRIBERS
          + " event streams; close a dashboard or retry later");
    }
    BlockingQueue<String> queue = subscription.get();
    CompletableFuture<Void> done = new CompletableFuture<>();
    ctx.status(200);
    ctx.res().setContentType("text/event-stream");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Accel-Buffering", "no"); // proxies pass events on at once
    EventStreamClient[] client = new EventStreamClient[1];
    client[0] = new EventStreamClient(new Emitter(ctx.res()), queue, () -> {
      clients.remove(client[0]);
      updates.unsubscribe(queue);
      slot.close();
      done.complete(null);
    });
    ctx.future(() -> done); // the request stays open, without a thread, until the client leaves
    // greet before the ticker sees the stream: a writer thread draining an early update at the same time
    // wrote concurrently to the response, Jetty refused one write, and that update was lost
    client[0].greet();
    clients.add(client[0]);
  }

  private void tick() {
    for (EventStreamClient client : clients) {
      if (client.due(heartbeatNanos) && client.claim()) {
        writers.execute(client::drain); // never rejected: one claim per stream, as many threads as streams
      }
    }
  }

  /** Event streams open now. */
  int open() {
    return clients.size();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    clients.forEach(EventStreamClient::leave);
    writers.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
