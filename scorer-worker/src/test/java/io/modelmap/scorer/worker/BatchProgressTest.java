package io.modelmap.scorer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BatchProgressTest {
  private static final TopicPartition P0 = new TopicPartition("score-tasks", 0);
  private static final TopicPartition P1 = new TopicPartition("score-tasks", 1);

  private static ConsumerRecord<String, String> task(TopicPartition p, long offset) {
    return new ConsumerRecord<>(p.topic(), p.partition(), offset, "meta-llama/Llama-3.2-1B", "task " + offset);
  }

  @Test
  void stoppingPartWayCommitsWhatIsFinishedAndReadsTheRestAgain() {
    MockConsumer<String, String> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    consumer.assign(List.of(P0, P1));
    consumer.updateBeginningOffsets(Map.of(P0, 10L, P1, 20L));
    ConsumerRecords<String, String> batch = new ConsumerRecords<>(Map.of(
        P0, List.of(task(P0, 10), task(P0, 11), task(P0, 12)),
        P1, List.of(task(P1, 20), task(P1, 21))), Map.of());
    consumer.seek(P0, 13);
    consumer.seek(P1, 22); // where a poll of this batch leaves the positions

    BatchProgress progress = new BatchProgress(batch);
    progress.finished(task(P0, 10));
    progress.finished(task(P0, 11)); // the registry failed on offset 12; P1 was not reached
    progress.rewind(consumer);

    assertThat(progress.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(12)));
    assertThat(consumer.position(P0)).isEqualTo(12);
    assertThat(consumer.position(P1)).isEqualTo(20);
  }
}
