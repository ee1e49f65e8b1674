package io.modelmap.scorer.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.modelmap.kafka.KafkaConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker whose task loop died is unhealthy, whatever killed it (here the device cannot be used; in
 * issue 26 an OutOfMemoryError): /health used to report only whether the worker had been closed, so it
 * answered 200 over a dead loop and models registered afterwards were never scored.
 */
class ScorerWorkerHealthTest {
  @TempDir
  Path models;

  @Test
  void shouldReportUnhealthyOnceTheTaskLoopDies() throws Exception {
    ScorerWorker worker = new ScorerWorker(KafkaConnection.of("127.0.0.1:9", "http://127.0.0.1:9"),
        new ScorerConfig("g", "w", List.of(models), 1, "no-such-device", 3, 1L << 30, List.of()), Clock.systemUTC());
    try (ScorerMetrics metrics = new ScorerMetrics();
        MetricsEndpoint endpoint = MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            metrics, worker::isHealthy)) {
      String health = "http://127.0.0.1:" + endpoint.port() + "/health";
      assertThat(status(health)).as("before the loop runs").isEqualTo(200);

      Throwable died = catchThrowable(worker::run);

      assertThat(died).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-device");
      assertThat(worker.isHealthy()).isFalse();
      assertThat(status(health)).isEqualTo(503);
    } finally {
      worker.close();
    }
  }

  private static int status(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
