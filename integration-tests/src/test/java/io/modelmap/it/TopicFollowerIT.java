package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.embedded.EmbeddedKafkaBroker;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.TopicFollower;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.registry.EmbeddedSchemaRegistry;
import io.modelmap.schemas.topic.Topic;
import io.modelmap.schemas.topic.TopicNames;
import io.modelmap.schemas.topic.TopicProvisioner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follower of a real two-partition topic reads each record once: every call starts where the last stopped. */
class TopicFollowerIT {
  @TempDir
  Path dir;

  @Test
  void eachCallReadsOnlyWhatWasPublishedSinceTheLast() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicProvisioner(admin).createMissing(TopicNames.defaults(), 2, (short) 1);
      }
      try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), "_schemas", 0)) {
        KafkaConnection connection = KafkaConnection.of(broker.bootstrapServers(), registry.url());
        var topic = connection.topics().corpusTexts();
        try (Publisher publisher = new Publisher(connection);
            TopicFollower<String, TextChunk> follower = new TopicFollower<>(connection, topic)) {
          publish(publisher, topic, "pile val", 0, 40);
          assertThat(read(follower)).hasSize(40);
          assertThat(read(follower)).as("nothing new").isEmpty();

          publish(publisher, topic, "pile val", 40, 45);
          publish(publisher, topic, "pile test \"ö\"", 0, 3);
          List<String> next = read(follower);
          assertThat(next).hasSize(8);
          assertThat(next).contains(CompositeKey.of("pile val", "doc#44"), CompositeKey.of("pile test \"ö\"", "doc#2"))
              .doesNotContain(CompositeKey.of("pile val", "doc#0"));
        }
      }
    }
  }

  private static void publish(Publisher publisher, Topic<String, TextChunk> topic, String corpus, int from, int to) {
    for (int i = from; i < to; i++) {
      publisher.send(topic, CompositeKey.of(corpus, "doc#" + i), TextChunk.newBuilder().setCorpusId(corpus)
          .setTextId("doc#" + i).setIndex(i).setCorpusSize(45).setByteLength(4).setText("text").setCategory("prose").build());
    }
    publisher.flush();
  }

  private static List<String> read(TopicFollower<String, TextChunk> follower) {
    List<String> keys = new ArrayList<>();
    follower.catchUp((key, chunk) -> keys.add(key));
    return keys;
  }
}
