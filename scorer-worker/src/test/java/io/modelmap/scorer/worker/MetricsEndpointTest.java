package io.modelmap.scorer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The worker's /metrics and /health over real HTTP. */
class MetricsEndpointTest {

  @Test
  void servesThroughputLatencyAndHealth() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    try (ScorerMetrics metrics = new ScorerMetrics();
        MetricsEndpoint endpoint = MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            metrics, running::get)) {
      metrics.scored(20, 5000, Duration.ofMillis(800));
      metrics.batch(8);
      metrics.modelLoaded(Duration.ofMillis(120));
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + endpoint.port();

      String body = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(body).contains("modelmap_scorer_tokens_total 5000.0", "modelmap_scorer_texts_total 20.0",
          "modelmap_scorer_batch_size_count 1", "modelmap_scorer_task_latency_seconds_count 1",
          "modelmap_scorer_model_load_seconds_count 1");
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      running.set(false);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
    }
  }
}
