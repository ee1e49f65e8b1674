package io.modelmap.aggregator.support;

import io.modelmap.schemas.registry.RegistryUnavailableException;
import java.time.Duration;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed stream thread means. A schema registry that cannot answer is an outage, not bad
 * input: the thread is replaced after a pause and reads again from its last commit, so the record is
 * neither lost nor dead-lettered. Bad input never gets here (it is dead-lettered); anything else is a
 * bug a retry would repeat, so the client stops with its state kept.
 */
public final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);
  private final Duration backoff;

  public StreamThreadFailures(Duration backoff) {
    this.backoff = backoff;
  }

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    if (RegistryUnavailableException.isCauseOf(exception)) {
      LOG.warn("The schema registry cannot answer ({}); reading again from the last commit in {} s",
          exception.getMessage(), backoff.toSeconds());
      pause();
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    LOG.error("Aggregator stream thread failed; stopping. Restart after fixing the cause: state is kept.", exception);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  private void pause() {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
