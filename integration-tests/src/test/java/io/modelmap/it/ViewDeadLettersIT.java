package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.cli.runtime.ResultWaiter;
import io.modelmap.cli.transfer.MatrixImporter;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
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
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator did to a running system: three malformed records on {@code model-registered}
 * (bytes that are not Avro, a schema id naming another record's schema, an unknown schema id). The
 * aggregator keeps running, the records are in {@code model-registered-dlq} with their bytes, and
 * models registered afterwards are mapped.
 */
class ViewDeadLettersIT {
  @TempDir
  Path dir;

  @Test
  void shouldDeadLetterMalformedRegistrationsAndKeepMapping() throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try (EmbeddedSystem system = EmbeddedSystem.start(dir.resolve("system"), quiet, 0)) {
      KafkaConnection connection = system.connection();
      byte[] otherSchema = new ConfluentAvroSerializer<TextChunk>(connection.registryClient(), false)
          .serialize("corpus-texts", TextChunk.newBuilder().setCorpusId("c").setTextId("t").setIndex(0)
              .setCorpusSize(1).setByteLength(3).build());
      List<byte[]> garbage = List.of("not avro at all".getBytes(StandardCharsets.UTF_8), otherSchema,
          new byte[] {0, 0, 0, 0x7f, 0x7f, 2, 'x'});
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
          new ByteArraySerializer())) {
        for (int i = 0; i < garbage.size(); i++) {
          producer.send(new ProducerRecord<>("model-registered", "bad/record-" + i, garbage.get(i))).get();
        }
      }

      await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
          .until(() -> deadLetters(connection).size() == 3);
      List<DeadLetter> letters = deadLetters(connection);
      assertThat(letters).extracting(DeadLetter::getErrorClass).containsOnly("undecodable");
      assertThat(letters).extracting(l -> l.getOriginalValue().array()).containsExactlyInAnyOrderElementsOf(garbage);

      Files.writeString(dir.resolve("texts.csv"), "text_id,category,bytes\nt0,prose,900\nt1,code,800\nt2,prose,700\n");
      Files.writeString(dir.resolve("L.csv"), "model_id,t0,t1,t2\nacme/after-a,-100,-80,-70\nacme/after-b,-101,-79,-72\n");
      MatrixImporter.Imported imported = new MatrixImporter(connection, quiet, Clock.systemUTC())
          .importMatrix(dir.resolve("L.csv"), dir.resolve("texts.csv"), "after");
      new ResultWaiter(connection, quiet, Clock.systemUTC()).await(imported.scoredByModel(), 3, Duration.ofMinutes(2));

      HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(system.dashboardUrl() + "health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(system.dashboardUrl() + "metrics"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("modelmap_aggregator_view_dead_lettered_records_total 3.0");
      HttpResponse<String> model = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(system.dashboardUrl() + "api/models/acme/after-a")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(model.statusCode()).isEqualTo(200);
      assertThat(model.body()).contains("\"status\":\"complete\"", "\"modelType\":\"imported\"");
      assertThat(new TopicReader(connection).latestByKey(connection.topics().modelRegistered()))
          .as("readers (export, the scorer's reference data) skip the bad records").containsOnlyKeys(
              "acme/after-a", "acme/after-b");
    }
  }

  private static List<DeadLetter> deadLetters(KafkaConnection connection) {
    List<DeadLetter> letters = new ArrayList<>();
    new TopicReader(connection).readAll(connection.topics().deadLetters("model-registered"), (k, v) -> letters.add(v));
    return letters;
  }
}
