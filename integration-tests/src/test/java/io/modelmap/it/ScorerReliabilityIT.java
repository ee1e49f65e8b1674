package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.cli.runtime.LocalPipeline;
import io.modelmap.producer.corpus.CorpusBuilder;
import io.modelmap.producer.corpus.CorpusPublisher;
import io.modelmap.producer.corpus.CorpusSpec;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.producer.fanout.ModelOnboarding;
import io.modelmap.producer.fanout.TaskFanout;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.ScoreTask;
import io.modelmap.scorer.demo.DemoModels;
import io.modelmap.scorer.worker.ScorerConfig;
import io.modelmap.scorer.worker.ScorerWorker;
import io.modelmap.testsupport.records.WireBytes;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26 on a real broker: the scorer outlives a 24-byte score-tasks length bomb (it used to die of
 * OutOfMemoryError, /health still 200, every later model never scored), and a local scorer that dies
 * shows in the embedded default's /health and ends the wait for results at once.
 */
class ScorerReliabilityIT {
  @TempDir
  Path dir;
  private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void shouldDeadLetterTheScoreTasksBombAndScoreTheModelsAfterIt() throws Exception {
    Path models = dir.resolve("models");
    DemoModels.DemoModel good = DemoModels.write(models).get(0);
    try (EmbeddedSystem system = EmbeddedSystem.start(dir.resolve("system"), quiet, 0)) {
      KafkaConnection connection = system.connection();
      byte[] framed = connection.topics().scoreTasks().valueSerde().serializer().serialize("score-tasks",
          ScoreTask.newBuilder().setTaskId("t").setModelId("m").setSourceUri("s").setCorpusId("c").setTextIds(List.of()).build());
      // taskId, modelId, sourceUri, revision (null: the union's first branch), dtype, corpusId, then textIds' claim
      byte[] bomb = WireBytes.framed(WireBytes.schemaId(framed)).string("t").string("m").string("s").absent()
          .string("f32").string("cc").claim().toByteArray();
      assertThat(bomb).hasSize(24);
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
      try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new StringSerializer(),
          new ByteArraySerializer())) {
        raw.send(new ProducerRecord<>("score-tasks", "m", bomb)).get();
      }
      List<CorpusText> corpus = new CorpusBuilder(new CorpusSpec(1024, 256, 6, 1)).build(DemoCorpus.documents(4, 3));
      try (Publisher publisher = new Publisher(connection)) {
        new CorpusPublisher(publisher, connection.topics().corpusTexts()).publish("c", corpus);
        new ModelOnboarding(publisher, connection.topics(), new TaskFanout(3)).onboard(ModelRegistered.newBuilder()
            .setModelId("acme/after-the-bomb").setSourceUri("file:" + good.dir()).setCorpusId("c").build(),
            corpus.stream().map(CorpusText::textId).toList(), Map.of());
        publisher.flush();
      }

      ScorerWorker worker = new ScorerWorker(connection, new ScorerConfig("scorers", "w1", List.of(models), 4),
          Clock.systemUTC());
      Thread thread = new Thread(worker, "scorer");
      thread.start();
      try {
        TopicReader reader = new TopicReader(connection);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
          ModelCoordinates row = reader.latestByKey(connection.topics().modelCoordinates()).get("acme/after-the-bomb");
          return row != null && row.getComplete();
        });
        List<DeadLetter> dead = new ArrayList<>();
        reader.readAll(connection.topics().deadLetters("score-tasks"), (k, v) -> dead.add(v));
        assertThat(dead).singleElement().satisfies(letter -> {
          assertThat(letter.getErrorClass()).isEqualTo("undecodable");
          assertThat(letter.getMessage()).contains("claims 2147483639 items");
          assertThat(letter.getOriginalValue().array()).isEqualTo(bomb);
        });
        assertThat(thread.isAlive()).as("the scorer's task loop").isTrue();
      } finally {
        worker.close();
        thread.join();
      }
    }
  }

  @Test
  void shouldReportADeadLocalScorerInHealthAndStopWaitingForIt() throws Exception {
    try (EmbeddedSystem system = EmbeddedSystem.start(dir.resolve("system"), quiet, 0);
        LocalPipeline pipeline = new LocalPipeline(system.connection(), quiet, Clock.systemUTC())) {
      List<CorpusText> corpus = new CorpusBuilder(new CorpusSpec(1024, 256, 4, 1)).build(DemoCorpus.documents(4, 3));
      pipeline.publishCorpus("c", corpus);
      Path models = dir.resolve("models");
      DemoModels.DemoModel model = DemoModels.write(models).get(0);
      pipeline.register(List.of(new LocalPipeline.LocalModel(model.id(), model.dir(), model.family(), model.type())),
          "c", corpus, "float32");
      pipeline.startScorer(List.of(models), "no-such-device", 1); // its task loop dies at once
      system.watch("local scorer", pipeline::scorerRunning);

      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(system.dashboardUrl() + "health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"state\":\"RUNNING\"", "\"stopped\":[\"local scorer\"]");
      });
      long started = System.nanoTime();
      Throwable waited = catchThrowable(() -> pipeline.awaitMap(corpus.size(), Duration.ofMinutes(5)));
      assertThat(waited).isInstanceOf(IllegalStateException.class).hasMessageContaining("the local scorer stopped");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }
  }
}
