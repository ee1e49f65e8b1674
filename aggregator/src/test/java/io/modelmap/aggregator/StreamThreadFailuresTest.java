package io.modelmap.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.registry.RegistryUnavailableException;
import java.time.Duration;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailuresTest {
  private final StreamThreadFailures failures = new StreamThreadFailures(Duration.ZERO);

  @Test
  void shouldReplaceTheThreadWhenTheRegistryCannotAnswer() {
    Throwable wrapped = new StreamsException("task failed",
        new RegistryUnavailableException("schema id 3 cannot be looked up now", new java.net.ConnectException()));
    assertThat(failures.handle(wrapped)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  @Test
  void shouldStopTheClientOnAnythingElse() {
    assertThat(failures.handle(new StreamsException("bug", new IllegalStateException("broken invariant"))))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }
}
