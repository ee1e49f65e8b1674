package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.producer.corpus.CorpusBuilder;
import io.modelmap.producer.corpus.CorpusPublisher;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.producer.corpus.CorpusSpec;
import io.modelmap.producer.fanout.ModelOnboarding;
import io.modelmap.producer.fanout.TaskFanout;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.scorer.demo.DemoModels;
import io.modelmap.scorer.worker.ScorerConfig;
import io.modelmap.scorer.worker.ScorerWorker;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken checkpoint, one whose tokenizer does not load, a source outside the model roots and an
 * unsupported dtype never block a good
 * model: the broken one's tasks are tried three times and dead-lettered with the error, the refused
 * ones' at once, and the API reports the models as failed with the reason.
 */
class ScorerFailureIT {
  @TempDir
  Path dir;

  @Test
  void failingModelsAreDeadLetteredWithTheirReasonAndNeverBlockOthers() throws Exception {
    Path models = dir.resolve("models");
    DemoModels.DemoModel good = DemoModels.write(models).get(0);
    Path broken = Files.createDirectories(models.resolve("broken"));
    for (String file : List.of("config.json", "tokenizer.json")) {
      Files.copy(good.dir().resolve(file), broken.resolve(file));
    }
    Files.writeString(broken.resolve("model.safetensors"), "not a safetensors file", StandardCharsets.UTF_8);
    Path badTokenizer = Files.createDirectories(models.resolve("bad-tokenizer"));
    for (String file : List.of("config.json", "model.safetensors")) {
      Files.copy(good.dir().resolve(file), badTokenizer.resolve(file));
    }
    Files.writeString(badTokenizer.resolve("tokenizer.json"), "{\"not\": \"a tokenizer\"}", StandardCharsets.UTF_8);
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.copy(good.dir().resolve("model.safetensors"), outside.resolve("model.safetensors"));

    try (EmbeddedSystem system = EmbeddedSystem.start(dir.resolve("system"), new PrintStream(OutputStream.nullOutputStream()), 0)) {
      KafkaConnection connection = system.connection();
      List<CorpusText> corpus = new CorpusBuilder(new CorpusSpec(1024, 256, 10, 1)).build(DemoCorpus.documents(4, 3));
      try (Publisher publisher = new Publisher(connection)) {
        new CorpusPublisher(publisher, connection.topics().corpusTexts()).publish("c", corpus);
        ModelOnboarding onboarding = new ModelOnboarding(publisher, connection.topics(), new TaskFanout(5));
        List<String> textIds = corpus.stream().map(CorpusText::textId).toList();
        // first: weights that load and a tokenizer that does not (it used to wedge the worker for every later model)
        onboarding.onboard(ModelRegistered.newBuilder().setModelId("acme/bad-tokenizer")
            .setSourceUri("file:" + badTokenizer).setCorpusId("c").build(), textIds, Map.of());
        for (Map.Entry<String, Path> model : Map.of("broken", broken, "outside", outside, "good", good.dir()).entrySet()) {
          onboarding.onboard(ModelRegistered.newBuilder().setModelId(model.getKey())
              .setSourceUri("file:" + model.getValue()).setCorpusId("c").build(), textIds, Map.of());
        }
        onboarding.onboard(ModelRegistered.newBuilder().setModelId("int8").setSourceUri("file:" + good.dir())
            .setDtype("int8").setCorpusId("c").build(), textIds, Map.of());
        publisher.flush();
      }
      ScorerWorker worker = new ScorerWorker(connection,
          new ScorerConfig("scorers", "w1", List.of(models), 4), Clock.systemUTC());
      Thread thread = new Thread(worker, "scorer");
      thread.start();
      try {
        TopicReader reader = new TopicReader(connection);
        List<DeadLetter> dead = new ArrayList<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
          dead.clear();
          reader.readAll(connection.topics().deadLetters(connection.topics().scoreTasks().name()), (k, v) -> dead.add(v));
          ModelCoordinates goodRow = reader.latestByKey(connection.topics().modelCoordinates()).get("good");
          return dead.size() == 8 && goodRow != null && goodRow.getComplete();
        });
        assertThat(dead).filteredOn(d -> d.getErrorClass().toString().equals("failed-after-retries")).hasSize(4);
        assertThat(dead).filteredOn(d -> d.getMessage().toString().contains("model broken ")).hasSize(2)
            .allSatisfy(d -> assertThat(d.getMessage().toString()).contains("model broken failed 3 times"));
        assertThat(dead).filteredOn(d -> d.getMessage().toString().contains("model acme/bad-tokenizer")).hasSize(2)
            .allSatisfy(d -> assertThat(d.getMessage().toString()).contains("failed 3 times", "tokenizer.json"));
        assertThat(dead).filteredOn(d -> d.getErrorClass().toString().equals("source-refused")).hasSize(4)
            .filteredOn(d -> d.getMessage().toString().contains("model outside"))
            .hasSize(2).allSatisfy(d -> assertThat(d.getMessage().toString()).contains("outside the model roots"));
        assertThat(dead).filteredOn(d -> d.getMessage().toString().contains("model int8")).hasSize(2)
            .allSatisfy(d -> assertThat(d.getMessage().toString()).contains("dtype 'int8' is not supported"));

        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          JsonNode brokenStatus = json.readTree(http.send(HttpRequest.newBuilder(URI.create(system.dashboardUrl()
              + "api/models/broken")).build(), HttpResponse.BodyHandlers.ofString()).body());
          assertThat(brokenStatus.get("status").asText()).isEqualTo("failed");
          assertThat(brokenStatus.get("failure").get("reason").asText()).isEqualTo("failed-after-retries");
          JsonNode goodStatus = json.readTree(http.send(HttpRequest.newBuilder(URI.create(system.dashboardUrl()
              + "api/models/good")).build(), HttpResponse.BodyHandlers.ofString()).body());
          assertThat(goodStatus.get("status").asText()).isEqualTo("complete");
        });
      } finally {
        worker.close();
        thread.join();
      }
    }
  }
}
