package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelmap.embedded.EmbeddedKafkaBroker;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.LatestByKey;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.TopicFollower;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.registry.EmbeddedSchemaRegistry;
import io.modelmap.schemas.topic.Topic;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.TopicProvisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower keeps its position on a real two-partition topic: after reading N records, publishing M
 * more gives exactly those M on the next read (catch-up or poll), and a latest-by-key view built on it
 * sees updates and tombstones without reading the topic again.
 */
class TopicFollowerPositionIT {
  private static final String CORPUS = "pile val";

  @TempDir
  Path dir;

  @Test
  void shouldReadExactlyWhatWasPublishedSinceTheLastReadAndKeepThePositionAcrossReads() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "_schemas", 0)) {
        KafkaConnection connection = provision(KafkaConnection.of(broker.bootstrapServers(), registry.url()));
        Topic<String, TextChunk> topic = connection.topics().corpusTexts();
        try (Publisher publisher = new Publisher(connection);
            TopicFollower<String, TextChunk> follower = new TopicFollower<>(connection, topic)) {
          publish(publisher, topic, 0, 30, "text");
          assertThat(catchUp(follower)).containsExactlyInAnyOrderElementsOf(keys(0, 30));

          publish(publisher, topic, 30, 37, "text");
          assertThat(catchUp(follower)).as("the next catch-up: the 7 new records only")
              .containsExactlyInAnyOrderElementsOf(keys(30, 37));
          assertThat(catchUp(follower)).as("nothing new, nothing read").isEmpty();

          publish(publisher, topic, 37, 41, "text");
          List<String> polled = new ArrayList<>();
          await().atMost(Duration.ofSeconds(30)).until(() -> {
            polled.addAll(poll(follower));
            return polled.size() >= 4;
          });
          assertThat(polled).as("polls from the same position: the 4 new records, once each")
              .containsExactlyInAnyOrderElementsOf(keys(37, 41));
          assertThat(poll(follower)).as("the next poll: nothing again").isEmpty();
          assertThat(catchUp(follower)).as("a catch-up after the polls starts where they stopped").isEmpty();
        }
      }
    }
  }

  @Test
  void shouldKeepTheLatestValueOfEveryKeyCurrentWithUpdatesAndTombstones() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "_schemas", 0)) {
        KafkaConnection connection = provision(KafkaConnection.of(broker.bootstrapServers(), registry.url()));
        Topic<String, TextChunk> topic = connection.topics().corpusTexts();
        try (Publisher publisher = new Publisher(connection);
            LatestByKey<String, TextChunk> latest = new LatestByKey<>(connection, topic)) {
          publish(publisher, topic, 0, 10, "first");
          assertThat(latest.current()).hasSize(10);

          publish(publisher, topic, 3, 4, "second");
          publisher.send(topic, CompositeKey.of(CORPUS, "doc#5"), null);
          publisher.flush();
          Map<String, TextChunk> now = latest.current();

          assertThat(now).hasSize(9).doesNotContainKey(CompositeKey.of(CORPUS, "doc#5"));
          assertThat(now.get(CompositeKey.of(CORPUS, "doc#3")).getText()).isEqualTo("second");
          assertThat(now.get(CompositeKey.of(CORPUS, "doc#4")).getText()).isEqualTo("first");
        }
      }
    }
  }

  /** The connection, its topics created with two partitions each. */
  private static KafkaConnection provision(KafkaConnection connection) {
    try (Admin admin = Admin.create(connection.adminProperties())) {
      new TopicProvisioner(admin).createMissing(TopicNames.defaults(), 2, (short) 1);
    }
    return connection;
  }

  private static List<String> keys(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> CompositeKey.of(CORPUS, "doc#" + i)).toList();
  }

  private static void publish(Publisher publisher, Topic<String, TextChunk> topic, int from, int to, String text) {
    for (int i = from; i < to; i++) {
      publisher.send(topic, CompositeKey.of(CORPUS, "doc#" + i), TextChunk.newBuilder().setCorpusId(CORPUS)
          .setTextId("doc#" + i).setIndex(i).setCorpusSize(41).setByteLength(text.length()).setText(text)
          .setCategory("prose").build());
    }
    publisher.flush();
  }

  private static List<String> catchUp(TopicFollower<String, TextChunk> follower) {
    List<String> keys = new ArrayList<>();
    follower.catchUp((key, chunk) -> keys.add(key));
    return keys;
  }

  private static List<String> poll(TopicFollower<String, TextChunk> follower) {
    List<String> keys = new ArrayList<>();
    follower.poll(Duration.ofMillis(200), (key, chunk) -> keys.add(key));
    return keys;
  }
}
