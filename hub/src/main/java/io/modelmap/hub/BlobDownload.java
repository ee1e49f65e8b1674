package io.modelmap.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads one file into its {@code .incomplete} file, resuming what is already there with
 * {@code Range: bytes=N-} (file_download.py {@code http_get(resume_size=...)}), retrying a cut connection,
 * a stalled body, 429 and 5xx under the {@link RetryPolicy}.
 */
final class BlobDownload {
  private final HttpClient client;
  private final Retrying retrying;
  private final Timeouts timeouts;

  BlobDownload(HttpClient client, Retrying retrying, Timeouts timeouts) {
    this.client = client;
    this.retrying = retrying;
    this.timeouts = timeouts;
  }

  /**
   * Fills {@code incomplete} with the file at {@code uri}.
   *
   * @param token sent as a bearer token, or not (a CDN on another host gets none)
   * @param size the size the Hub announced, when it did
   * @return bytes transferred by this call (not counting what an earlier run left)
   */
  long fetch(HubTarget target, String path, URI uri, Optional<String> token, Path incomplete, OptionalLong size,
      DownloadProgress progress) {
    // bytes of failed tries count too: they are on disk and the next try resumes after them
    java.util.concurrent.atomic.LongAdder transferred = new java.util.concurrent.atomic.LongAdder();
    retrying.run("GET " + uri, () -> attempt(target, path, uri, token, incomplete, size, progress, transferred));
    return transferred.sum();
  }

  private Void attempt(HubTarget target, String path, URI uri, Optional<String> token, Path incomplete,
      OptionalLong size, DownloadProgress progress, java.util.concurrent.atomic.LongAdder transferred)
      throws IOException, TransientFailure {
    long offset = Files.exists(incomplete) ? Files.size(incomplete) : 0;
    if (size.isPresent() && offset == size.getAsLong() && offset > 0) {
      return null; // an earlier run got every byte; the check decides whether they are right
    }
    if (size.isPresent() && offset > size.getAsLong()) {
      Files.delete(incomplete); // longer than the file: not a part of it
      offset = 0;
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeouts.response())
        .header("Accept-Encoding", "identity").GET();
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    FileSink sink = new FileSink(incomplete, offset, path, size.orElse(-1), progress);
    CompletableFuture<HttpResponse<Long>> response = client.sendAsync(request.build(), sink::subscriberFor);
    HttpResponse<Long> answered;
    try {
      await(CompletableFuture.anyOf(response, sink.done()), sink, response);
      answered = await(response, sink, response);
    } finally {
      transferred.add(sink.written());
    }
    if (answered.statusCode() == 416) {
      Files.deleteIfExists(incomplete); // the range did not fit what the server has: start over
      throw new TransientFailure("HTTP 416 for bytes=" + offset + "- of " + uri, Optional.empty());
    }
    target.check(answered);
    if (answered.statusCode() != 200 && answered.statusCode() != 206) {
      throw new HubException(HubException.Kind.PROTOCOL, uri + " answered HTTP " + answered.statusCode()
          + " to a download");
    }
    long now = Files.size(incomplete);
    if (size.isPresent() && now < size.getAsLong()) {
      throw new IOException("body ended at byte " + now + " of " + size.getAsLong());
    }
    return null;
  }

  /** Waits for {@code future} while the body keeps moving; a body idle longer than the idle timeout is cut. */
  private <T> T await(CompletableFuture<T> future, FileSink sink, CompletableFuture<?> response)
      throws IOException {
    long seen = -1;
    while (true) {
      try {
        return future.get(timeouts.idle().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        long now = sink.written();
        if (now == seen) {
          sink.cancel();
          response.cancel(true);
          throw new HttpTimeoutException("no byte for " + timeouts.idle().toSeconds() + " s");
        }
        seen = now;
      } catch (InterruptedException e) {
        sink.cancel();
        response.cancel(true);
        Thread.currentThread().interrupt();
        throw new HubException(HubException.Kind.NETWORK, "interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
          cause = cause.getCause();
        }
        if (cause instanceof HubException hub) {
          throw hub;
        }
        if (cause instanceof IOException io) {
          throw io;
        }
        throw new IOException(cause);
      }
    }
  }
}
