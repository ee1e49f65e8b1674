package io.modelmap.scorer.worker;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a worker got through one poll's records, so that when it must stop part-way (the schema
 * registry cannot answer) it commits what it finished and reads the rest again, skipping nothing.
 */
final class BatchProgress {
  private final ConsumerRecords<?, ?> records;
  private final Map<TopicPartition, OffsetAndMetadata> finished = new HashMap<>();

  BatchProgress(ConsumerRecords<?, ?> records) {
    this.records = records;
  }

  void finished(ConsumerRecord<?, ?> record) {
    finished.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
  }

  /** The offsets to commit: after the last finished record of each partition. */
  Map<TopicPartition, OffsetAndMetadata> committable() {
    return Map.copyOf(finished);
  }

  /** Moves every partition of the batch back to its first record not finished. */
  void rewind(Consumer<?, ?> consumer) {
    for (TopicPartition partition : records.partitions()) {
      OffsetAndMetadata done = finished.get(partition);
      consumer.seek(partition, done != null ? done.offset() : records.records(partition).get(0).offset());
    }
  }
}
