package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.producer.corpus.CorpusBuilder;
import io.modelmap.producer.corpus.CorpusPublisher;
import io.modelmap.producer.corpus.CorpusSpec;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.producer.fanout.ModelOnboarding;
import io.modelmap.producer.fanout.TaskFanout;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.scorer.worker.ScorerConfig;
import io.modelmap.scorer.worker.ScorerWorker;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * register + scorer against a cluster: a model whose model_type the scorer does not implement is
 * refused at once (no retries) and /api/models says so, with the reason, while a Gemma 2 checkpoint
 * registered beside it is mapped.
 */
class ModelRefusalIT {
  private static final Path FIXTURES = Path.of("../scorer-worker/src/test/resources/fixtures").toAbsolutePath();

  @TempDir
  Path dir;

  @Test
  void anUnsupportedModelIsRefusedInTheApiWithItsReasonAndTheOthersAreMapped() throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    Path rwkv = Files.createDirectories(models.resolve("rwkv"));
    Files.writeString(rwkv.resolve("config.json"), "{\"model_type\": \"rwkv\", \"architectures\": [\"RwkvForCausalLM\"]}");
    Files.write(rwkv.resolve("model.safetensors"), new byte[16]);
    Path gemma = Files.createDirectories(models.resolve("gemma2"));
    for (String file : List.of("config.json", "tokenizer.json", "model.safetensors")) {
      Files.copy(FIXTURES.resolve("gemma2").resolve(file), gemma.resolve(file));
    }
    try (EmbeddedSystem system = EmbeddedSystem.start(dir.resolve("system"), new PrintStream(OutputStream.nullOutputStream()), 0)) {
      KafkaConnection connection = system.connection();
      List<CorpusText> corpus = new CorpusBuilder(new CorpusSpec(256, 64, 6, 1)).build(DemoCorpus.documents(3, 5));
      try (Publisher publisher = new Publisher(connection)) {
        new CorpusPublisher(publisher, connection.topics().corpusTexts()).publish("c", corpus);
        ModelOnboarding onboarding = new ModelOnboarding(publisher, connection.topics(), new TaskFanout(3));
        List<String> textIds = corpus.stream().map(CorpusText::textId).toList();
        for (Map.Entry<String, Path> model : Map.of("RWKV/rwkv-4-169m-pile", rwkv, "google/tiny-gemma-2", gemma).entrySet()) {
          onboarding.onboard(ModelRegistered.newBuilder().setModelId(model.getKey())
              .setSourceUri("file:" + model.getValue()).setCorpusId("c").build(), textIds, Map.of());
        }
        publisher.flush();
      }
      ScorerWorker worker = new ScorerWorker(connection, new ScorerConfig("scorers", "w1", List.of(models), 3),
          Clock.systemUTC());
      Thread thread = new Thread(worker, "scorer");
      thread.start();
      try {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
          JsonNode refused = json.readTree(http.send(HttpRequest.newBuilder(URI.create(system.dashboardUrl()
              + "api/models/RWKV%2Frwkv-4-169m-pile")).build(), HttpResponse.BodyHandlers.ofString()).body());
          assertThat(refused.path("status").asText()).isEqualTo("refused");
          assertThat(refused.path("failure").path("reason").asText()).isEqualTo("source-refused");
          assertThat(refused.path("failure").path("message").asText())
              .contains("model_type 'rwkv' is a recurrent model").contains("TorchScript");
          JsonNode mapped = json.readTree(http.send(HttpRequest.newBuilder(URI.create(system.dashboardUrl()
              + "api/models/google%2Ftiny-gemma-2")).build(), HttpResponse.BodyHandlers.ofString()).body());
          assertThat(mapped.path("status").asText()).isEqualTo("complete");
        });
      } finally {
        worker.close();
        thread.join();
      }
    }
  }
}
