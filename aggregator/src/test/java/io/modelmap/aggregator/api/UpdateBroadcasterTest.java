package io.modelmap.aggregator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.kafka.KafkaConnection;
import io.modelmap.schemas.topic.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

class UpdateBroadcasterTest {

  @Test
  void shouldServeABoundedNumberOfEventStreams() throws Exception {
    try (UpdateBroadcaster updates = new UpdateBroadcaster(
        KafkaConnection.of("127.0.0.1:1", "mock://"), TopicNames.defaults())) {
      List<BlockingQueue<String>> streams = new ArrayList<>();
      for (int i = 0; i < UpdateBroadcaster.MAX_SUBSCRIBERS; i++) {
        streams.add(updates.subscribe().orElseThrow());
      }
      assertThat(updates.subscribe()).as("one stream over the limit").isEmpty();
      updates.unsubscribe(streams.get(0));
      Optional<BlockingQueue<String>> again = updates.subscribe();
      assertThat(again).as("a closed stream frees its place").isPresent();
    }
  }
}
