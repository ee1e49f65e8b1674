package io.modelmap.hub;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a GET's body into the {@code .incomplete} file as it arrives: appended after the bytes already
 * there for a 206 (a resumed download), from the start for a 200; other statuses are discarded for the
 * caller to read. Counts the bytes so that a stalled body can be noticed and cut.
 */
final class FileSink implements Flow.Subscriber<List<ByteBuffer>> {
  private final Path file;
  private final long offset;
  private final DownloadProgress progress;
  private final String path;
  private final long total;
  private final AtomicLong written = new AtomicLong();
  private final CompletableFuture<Long> done = new CompletableFuture<>();
  private volatile long start;
  private volatile FileChannel channel;
  private volatile Flow.Subscription subscription;

  FileSink(Path file, long offset, String path, long total, DownloadProgress progress) {
    this.file = file;
    this.offset = offset;
    this.path = path;
    this.total = total;
    this.progress = progress;
  }

  /** The body handler: decides by status where the body goes. */
  HttpResponse.BodySubscriber<Long> subscriberFor(HttpResponse.ResponseInfo info) {
    int status = info.statusCode();
    if (status != 200 && status != 206) {
      return HttpResponse.BodySubscribers.replacing(-1L);
    }
    boolean resumed = status == 206 && offset > 0 && contentRangeStart(info) == offset;
    try {
      // a 200 (the server ignored Range) or a 206 at another offset: start the file over
      channel = resumed ? FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
          : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new HubException(HubException.Kind.CACHE, "cannot write " + file + ": " + Retrying.describe(e), e);
    }
    start = resumed ? offset : 0;
    return HttpResponse.BodySubscribers.fromSubscriber(this, sink -> sink.done.join());
  }

  /** Completes when the body is on disk, or fails with what stopped it (a local write error included). */
  CompletableFuture<Long> done() {
    return done;
  }

  /** Bytes written by this response so far. */
  long written() {
    return written.get();
  }

  /** Stops the transfer (a stalled body) and closes the file. */
  void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    closeQuietly();
    done.completeExceptionally(new IOException("cancelled"));
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    long arriving = buffers.stream().mapToLong(ByteBuffer::remaining).sum();
    if (total >= 0 && start + written.get() + arriving > total) {
      // a body longer than the Hub announced is refused as it arrives, not written until the disk is full
      subscription.cancel();
      closeQuietly();
      done.completeExceptionally(new HubException(HubException.Kind.INTEGRITY, path + ": the Hub sent more than the "
          + total + " bytes it announced"));
      return;
    }
    try {
      for (ByteBuffer buffer : buffers) {
        while (buffer.hasRemaining()) {
          written.addAndGet(channel.write(buffer));
        }
      }
      progress.update(path, start + written.get(), total);
      subscription.request(1);
    } catch (IOException e) {
      subscription.cancel();
      closeQuietly();
      done.completeExceptionally(new HubException(HubException.Kind.CACHE, "cannot write " + file + ": "
          + Retrying.describe(e), e));
    }
  }

  @Override
  public void onError(Throwable error) {
    closeQuietly();
    done.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    try {
      channel.force(false);
      channel.close();
      done.complete(written.get());
    } catch (IOException e) {
      done.completeExceptionally(new HubException(HubException.Kind.CACHE, "cannot write " + file + ": "
          + Retrying.describe(e), e));
    }
  }

  private void closeQuietly() {
    FileChannel c = channel;
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // the transfer failed already; that failure is what the caller reports
      }
    }
  }

  /** N of {@code Content-Range: bytes N-M/T}, or -1. */
  private static long contentRangeStart(HttpResponse.ResponseInfo info) {
    String range = info.headers().firstValue("Content-Range").orElse("");
    int dash = range.indexOf('-');
    if (!range.startsWith("bytes ") || dash < 0) {
      return -1;
    }
    try {
      return Long.parseLong(range.substring(6, dash).strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
