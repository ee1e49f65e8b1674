package io.modelmap.aggregator.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.registry.RegistryUnavailableException;
import io.modelmap.schemas.registry.SchemaRegistryException;
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
  void shouldReplaceTheThreadWhenASchemaCannotBeRegisteredForNow() {
    // a dead letter's serializer registering its schema while the registry is down, or answering 503
    Throwable unreachable = new StreamsException("send failed", new org.apache.kafka.common.errors.SerializationException(
        "cannot register", new SchemaRegistryException("cannot reach the schema registry", new java.net.ConnectException())));
    Throwable unavailable = new StreamsException("send failed", new SchemaRegistryException("unavailable", 50301));
    assertThat(failures.handle(unreachable)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(failures.handle(unavailable)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  @Test
  void shouldStopTheClientWhenTheRegistryRefusesASchema() {
    Throwable incompatible = new StreamsException("send failed", new SchemaRegistryException("incompatible", 409));
    assertThat(failures.handle(incompatible)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }

  @Test
  void shouldStopTheClientOnAnythingElse() {
    assertThat(failures.handle(new StreamsException("bug", new IllegalStateException("broken invariant"))))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }
}
