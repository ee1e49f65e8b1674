package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.testsupport.cluster.ChildAggregators;
import io.modelmap.testsupport.cluster.EmbeddedClusterExtension;
import io.modelmap.testsupport.cluster.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26, finding 1, on a real broker: a bad record on {@code coordinate-frame} and malformed
 * {@code model-registered} records are refused while the aggregator runs; then the aggregator is
 * killed with SIGKILL and restarted on the same state folder. Exactly-once wipes the unclean state and
 * restores the views from their topics, which are their changelogs. The restore used to copy the bad
 * bytes into the stores: the next frame of that corpus failed the stream thread for good (/health
 * 503 on every restart) and {@code /api/models} answered 500. Now the restore leaves them out and
 * counts them (their dead letters were written once, when the view first read them), and the
 * restarted aggregator serves what comes next.
 */
class PoisonedViewRestoreIT {
  private static final String APP = "poisoned-restore";
  @TempDir
  Path dir;
  @RegisterExtension
  @Order(1)
  final EmbeddedClusterExtension cluster = new EmbeddedClusterExtension();
  @RegisterExtension
  @Order(2) // stopped first: the aggregators before their cluster
  final ChildAggregators aggregators = new ChildAggregators(cluster);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldRestoreViewsWithoutTheirBadRecordsAfterAnUncleanStop() throws Exception {
    KafkaConnection connection = KafkaConnection.of(cluster.bootstrapServers(), cluster.schemaRegistryUrl());
    try (Publisher publisher = new Publisher(connection)) {
      publisher.send(connection.topics().coordinateFrame(), "c", frame(1));
      publisher.send(connection.topics().modelRegistered(), "acme/before", registration("acme/before"));
      publisher.flush();
    }
    List<byte[]> badRegistrations = List.of("not avro at all".getBytes(StandardCharsets.UTF_8),
        new byte[] {0, 0, 0, 0x7f, 0x7f, 2, 'x'});
    try (KafkaProducer<String, byte[]> raw = cluster.producer(new StringSerializer(), new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>("coordinate-frame", "c", "not a frame".getBytes(StandardCharsets.UTF_8))).get();
      for (int i = 0; i < badRegistrations.size(); i++) {
        raw.send(new ProducerRecord<>("model-registered", "bad/record-" + i, badRegistrations.get(i))).get();
      }
    }

    int port = FreePorts.next();
    Process first = aggregators.start(dir.resolve("aggregator"), APP, port);
    TopicReader reader = new TopicReader(connection);
    await("the running aggregator dead-letters the bad records").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500)).until(() -> letters(reader, connection, "coordinate-frame").size() == 1
            && letters(reader, connection, "model-registered").size() == 2);
    await("and commits past them").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
        .until(() -> committedToEnd("coordinate-frame") && committedToEnd("model-registered"));
    assertThat(get(port, "/health").statusCode()).isEqualTo(200);

    first.destroyForcibly(); // SIGKILL: no checkpoint, so exactly-once restores every store from scratch
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    aggregators.start(dir.resolve("aggregator"), APP, port);
    try (Publisher publisher = new Publisher(connection)) {
      publisher.send(connection.topics().coordinateFrame(), "c", frame(2));
      publisher.send(connection.topics().modelRegistered(), "acme/after", registration("acme/after"));
      publisher.flush();
    }

    await("the restarted aggregator serves the next frame and registration").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
          assertThat(get(port, "/api/models/acme/after").statusCode()).isEqualTo(200);
          assertThat(get(port, "/api/map?corpus=c").body()).contains("\"modelCount\":2");
        });
    HttpResponse<String> health = get(port, "/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    HttpResponse<String> models = get(port, "/api/models");
    assertThat(models.statusCode()).as(models.body()).isEqualTo(200);
    assertThat(models.body()).contains("acme/before", "acme/after").doesNotContain("bad/record");
    assertThat(skippedOnRestore(get(port, "/metrics").body())).as("records left out by the restore").isGreaterThanOrEqualTo(3);
    // a view's topic is its changelog and the restore stops at the committed offset: each bad record
    // there was dead-lettered, once, when the view read it; the restore counts it and sends nothing again
    assertThat(letters(reader, connection, "coordinate-frame")).singleElement().satisfies(l ->
        assertThat(l.getOriginalValue().array()).isEqualTo("not a frame".getBytes(StandardCharsets.UTF_8)));
    assertThat(letters(reader, connection, "model-registered")).extracting(l -> l.getOriginalValue().array())
        .containsExactlyInAnyOrderElementsOf(badRegistrations);
  }

  private static double skippedOnRestore(String metrics) {
    return metrics.lines().filter(l -> l.startsWith("modelmap_aggregator_restore_skipped_records_total "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
  }

  private static CoordinateFrame frame(int models) {
    List<io.modelmap.schemas.avro.ModelPosition> positions = new ArrayList<>();
    for (int i = 0; i < models; i++) {
      positions.add(io.modelmap.schemas.avro.ModelPosition.newBuilder().setModelId("acme/m" + i).setX(i).setY(-i).build());
    }
    return CoordinateFrame.newBuilder().setCorpusId("c").setVersion(models).setModelCount(models)
        .setColumnMeans(List.of(-1.0, -2.0)).setMeanTextBytes(100).setPositions(positions).build();
  }

  private static ModelRegistered registration(String id) {
    return ModelRegistered.newBuilder().setModelId(id).setSourceUri("file:/m").setCorpusId("c").build();
  }

  private static List<DeadLetter> letters(TopicReader reader, KafkaConnection connection, String topic) {
    List<DeadLetter> letters = new ArrayList<>();
    reader.readAll(connection.topics().deadLetters(topic), (k, v) -> letters.add(v));
    return letters;
  }

  private boolean committedToEnd(String topic) throws Exception {
    TopicPartition partition = new TopicPartition(topic, 0);
    try (Admin admin = cluster.admin()) {
      OffsetAndMetadata committed = admin.listConsumerGroupOffsets(APP).partitionsToOffsetAndMetadata().get()
          .get(partition);
      long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
      return committed != null && committed.offset() >= end;
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
