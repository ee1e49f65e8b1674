package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelmap.embedded.EmbeddedKafkaBroker;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.registry.EmbeddedSchemaRegistry;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.TopicProvisioner;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
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
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldRestoreViewsWithoutTheirBadRecordsAfterAnUncleanStop() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      try (Admin admin = admin(broker)) {
        new TopicProvisioner(admin).createMissing(TopicNames.defaults(), 1, (short) 1);
      }
      EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "_schemas", 0);
      List<Process> children = new ArrayList<>();
      try {
        KafkaConnection connection = KafkaConnection.of(broker.bootstrapServers(), registry.url());
        try (Publisher publisher = new Publisher(connection)) {
          publisher.send(connection.topics().coordinateFrame(), "c", frame(1));
          publisher.send(connection.topics().modelRegistered(), "acme/before", registration("acme/before"));
          publisher.flush();
        }
        List<byte[]> badRegistrations = List.of("not avro at all".getBytes(StandardCharsets.UTF_8),
            new byte[] {0, 0, 0, 0x7f, 0x7f, 2, 'x'});
        try (KafkaProducer<String, byte[]> raw = rawProducer(broker)) {
          raw.send(new ProducerRecord<>("coordinate-frame", "c", "not a frame".getBytes(StandardCharsets.UTF_8))).get();
          for (int i = 0; i < badRegistrations.size(); i++) {
            raw.send(new ProducerRecord<>("model-registered", "bad/record-" + i, badRegistrations.get(i))).get();
          }
        }

        int port = freePort();
        Process first = aggregator(broker, registry, port, children);
        TopicReader reader = new TopicReader(connection);
        await("the running aggregator dead-letters the bad records").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500)).until(() -> letters(reader, connection, "coordinate-frame").size() == 1
                && letters(reader, connection, "model-registered").size() == 2);
        await("and commits past them").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
            .until(() -> committedToEnd(broker, "coordinate-frame") && committedToEnd(broker, "model-registered"));
        assertThat(get(port, "/health").statusCode()).isEqualTo(200);

        first.destroyForcibly(); // SIGKILL: no checkpoint, so exactly-once restores every store from scratch
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        aggregator(broker, registry, port, children);
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
      } finally {
        children.forEach(Process::destroyForcibly);
        for (Process child : children) {
          child.waitFor(30, TimeUnit.SECONDS);
        }
        registry.close();
      }
    }
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

  private static boolean committedToEnd(EmbeddedKafkaBroker broker, String topic) throws Exception {
    TopicPartition partition = new TopicPartition(topic, 0);
    try (Admin admin = admin(broker)) {
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

  private Process aggregator(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, int port,
      List<Process> children) throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), "io.modelmap.cli.ModelMapCli", "aggregator",
        "--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registry.url(),
        "--state-dir", dir.resolve("aggregator").toString(), "--application-id", APP, "--instance-id", APP + "-0",
        "--api-port", String.valueOf(port), "--internal-port", String.valueOf(freePort()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logs.resolve("aggregator-" + System.nanoTime() + ".log").toFile()).start();
    children.add(child);
    return child;
  }

  private static KafkaProducer<String, byte[]> rawProducer(EmbeddedKafkaBroker broker) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  private static Admin admin(EmbeddedKafkaBroker broker) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
