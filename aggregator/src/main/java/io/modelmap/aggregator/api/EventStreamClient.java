package io.modelmap.aggregator.api;

import io.javalin.http.sse.Emitter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connected event stream: the queue the broadcaster fills, and Javalin's SSE {@link Emitter} on the
 * asynchronous response. Writes happen one at a time on a writer thread ({@link #claim} before, {@link
 * #drain} after); a write that fails means the client has left, and {@code onLeave} frees its place.
 */
final class EventStreamClient {
  private final Emitter emitter;
  private final BlockingQueue<String> queue;
  private final Runnable onLeave;
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicBoolean open = new AtomicBoolean(true);
  private volatile long lastWriteNanos = System.nanoTime();

  EventStreamClient(Emitter emitter, BlockingQueue<String> queue, Runnable onLeave) {
    this.emitter = emitter;
    this.queue = queue;
    this.onLeave = onLeave;
  }

  /** Whether this stream has events waiting, or has been silent for {@code heartbeatNanos}. */
  boolean due(long heartbeatNanos) {
    return !queue.isEmpty() || System.nanoTime() - lastWriteNanos >= heartbeatNanos;
  }

  /** Takes the right to write; false while another writer holds it or after the client left. */
  boolean claim() {
    return open.get() && writing.compareAndSet(false, true);
  }

  /** Writes every waiting event, or a heartbeat when none waits; then gives the right to write back. */
  void drain() {
    try {
      String event = queue.poll();
      if (event == null) {
        emitter.emit("keep-alive");
      }
      while (event != null && !emitter.getClosed()) {
        emitter.emit("update", new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), null);
        event = queue.poll();
      }
      lastWriteNanos = System.nanoTime();
      if (emitter.getClosed()) {
        leave();
      }
    } finally {
      writing.set(false);
    }
  }

  /** Says hello, so the client knows it is connected before the first event. */
  void greet() {
    emitter.emit("connected");
  }

  boolean isOpen() {
    return open.get();
  }

  /** The client left, or the server closes: frees the place once. */
  void leave() {
    if (open.compareAndSet(true, false)) {
      onLeave.run();
    }
  }
}
