package io.modelmap.hub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The body handler of every JSON answer (a listing page, a revision's info, a config.json): the text, read up to
 * {@link #MAX_BYTES}; a longer answer is cut off where it passes the cap (or refused at once when its
 * {@code Content-Length} says so) with {@link TooLong}, so a broken or hostile endpoint cannot make the client
 * hold an unbounded body in memory.
 */
final class CappedJsonBody implements HttpResponse.BodyHandler<String> {
  /** 8 MiB: a model's revision info with twenty thousand files is about 4 MiB, a listing page of 100 far less. */
  static final long MAX_BYTES = 8L << 20;

  /** An answer longer than the cap; {@link HubHttp} turns it into a PROTOCOL failure naming the URL. */
  static final class TooLong extends IOException {
    TooLong() {
      super("an answer longer than " + MAX_BYTES + " bytes");
    }
  }

  /** Whether {@code failure} (as {@link java.net.http.HttpClient#send} wraps it) is an answer over a cap. */
  static boolean isTooLong(IOException failure) {
    return failure instanceof TooLong || failure.getCause() instanceof TooLong;
  }

  @Override
  public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
    long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new Capped(announced > MAX_BYTES);
  }

  private final class Capped implements HttpResponse.BodySubscriber<String> {
    private final CompletableFuture<String> text = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final boolean refuse;
    private Flow.Subscription subscription;

    Capped(boolean refuse) {
      this.refuse = refuse;
    }

    @Override
    public CompletionStage<String> getBody() {
      return text;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (refuse) {
        subscription.cancel();
        text.completeExceptionally(new TooLong());
        return;
      }
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (text.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        if (bytes.size() + (long) buffer.remaining() > MAX_BYTES) {
          subscription.cancel();
          text.completeExceptionally(new TooLong());
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable failure) {
      text.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      text.complete(bytes.toString(StandardCharsets.UTF_8));
    }
  }
}
