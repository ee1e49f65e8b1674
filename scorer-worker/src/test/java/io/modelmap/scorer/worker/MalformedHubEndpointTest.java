package io.modelmap.scorer.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.hub.HubSettings;
import io.modelmap.kafka.KafkaConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A malformed HF_ENDPOINT used to stop every worker at construction, also those that only ever load
 * {@code file:} models; the Hub settings are now read when the first {@code hf://} source arrives.
 */
class MalformedHubEndpointTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir
  Path dir;

  private ScorerWorker worker(HubCheckpoints hub) {
    return new ScorerWorker(KafkaConnection.of("127.0.0.1:9", "http://127.0.0.1:9"),
        new ScorerConfig("g", "w", List.of(dir.resolve("models")), 1, "cpu", 3, 1L << 30, List.of()),
        Clock.systemUTC(), new ScorerMetrics(), hub);
  }

  private HubCheckpoints malformedEndpoint(AtomicInteger reads) {
    return HubCheckpoints.lazy(() -> {
      reads.incrementAndGet();
      return HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "http://mirror internal:8080",
          "HF_HOME", dir.resolve("hf").toString()), dir);
    }, 1L << 30);
  }

  @Test
  void shouldLoadFileModelsWhateverHfEndpointHolds() throws Exception {
    Path model = Files.createDirectories(dir.resolve("models/good"));
    Files.write(model.resolve("model.safetensors"), new byte[1000]);
    Files.writeString(model.resolve("config.json"), "{}");
    AtomicInteger reads = new AtomicInteger();
    ScorerWorker worker = worker(malformedEndpoint(reads));
    try {
      assertThat(worker.modelFolder("file:" + model, null)).isEqualTo(model.toRealPath());
      assertThat(reads).as("a file: model never reads the Hub settings").hasValue(0);
    } finally {
      worker.close();
    }
  }

  @Test
  void shouldRefuseAHubModelInOneLineNamingHfEndpoint() {
    AtomicInteger reads = new AtomicInteger();
    ScorerWorker worker = worker(malformedEndpoint(reads));
    try {
      assertThatThrownBy(() -> worker.modelFolder("hf://org/tiny", COMMIT))
          .isInstanceOf(ModelSourceRefused.class)
          .hasMessage("source hf://org/tiny needs the Hub, but this worker's Hub settings are unusable: "
              + "HF_ENDPOINT must be an http(s) URL, was 'http://mirror internal:8080'");
      assertThat(reads).hasValue(1);
    } finally {
      worker.close();
    }
  }
}
