package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.modelmap.embedded.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 31, item 6: the broker's {@code ERROR ... OutOfOrderSequenceException ... Expected sequence 0 for transactions
 * v2 idempotent producer with no existing state} (KAFKA-18202). Under transactions v2 every commit and abort bumps the
 * producer epoch and restarts each partition's sequences at 0; when two batches of a new transaction are in flight to
 * one partition, the broker may see the later one (sequence &gt; 0) before the first, rejects it with that error,
 * and the producer retries it ({@code TransactionManager.canRetry}: not the next sequence). The aggregator's
 * exactly-once producer is such a producer. This test runs a read-process-write loop as Kafka Streams' exactly-once
 * v2 does (one transactional producer, offsets sent to the transaction, read_committed) on the embedded broker,
 * aborts every third transaction and redoes it, with small batches so several are in flight at every epoch bump,
 * and checks that the committed output is exactly the input: nothing lost, nothing twice, order kept per partition.
 * The rejection itself needs a race (a later batch of the new epoch verified and appended before the first, which
 * waits while the previous transaction's markers are written): it showed once in a K = 1,000 bench run, and this
 * test does not count on it; it prints how many batches the broker rejected so, and checks the path it happens on.
 */
class TransactionsV2SequenceIT {
  private static final String INPUT = "in";
  private static final String OUTPUT = "out";
  private static final int PARTITIONS = 3;
  private static final int RECORDS = 6_000;
  /** Logged by the broker's ReplicaManager when it rejects the retried batch. */
  private static final String REJECTED = "Expected sequence 0 for transactions v2 idempotent producer";

  @TempDir
  java.nio.file.Path dir;

  private EmbeddedKafkaBroker broker;
  private final ListAppender<ILoggingEvent> brokerLog = new ListAppender<>();

  @BeforeEach
  void startBroker() throws Exception {
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    brokerLog.start();
    root.addAppender(brokerLog);
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(INPUT, PARTITIONS, (short) 1), new NewTopic(OUTPUT, PARTITIONS, (short) 1)))
          .all().get();
    }
  }

  @AfterEach
  void stopBroker() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(brokerLog);
    broker.close();
  }

  @Test
  void shouldCommitEveryInputRecordExactlyOnceThoughTransactionsAbortAndEpochsBump() throws Exception {
    Map<Integer, List<String>> input = publishInput();

    int aborted = copyWithEveryThirdTransactionAborted();

    Map<Integer, List<String>> committed = readOutput(IsolationLevel.READ_COMMITTED);
    int written = readOutput(IsolationLevel.READ_UNCOMMITTED).values().stream().mapToInt(List::size).sum();
    long rejected = brokerLog.list.stream().map(e -> String.valueOf(e.getThrowableProxy() == null ? ""
        : e.getThrowableProxy().getMessage()) + e.getFormattedMessage()).filter(m -> m.contains(REJECTED)).count();
    System.out.printf("%d transactions aborted, %d records written in all, %d committed; the broker rejected %d"
        + " batches with '%s'%n", aborted, written, RECORDS, rejected, REJECTED);

    assertThat(aborted).as("transactions aborted and redone").isGreaterThanOrEqualTo(10);
    assertThat(written).as("the aborted transactions' records are in the log, marked aborted").isGreaterThan(RECORDS);
    assertThat(committed).as("each partition's committed records are its input, in order, each once")
        .isEqualTo(input);
  }

  /** Keys k0..k(RECORDS-1) with values v0..; the default partitioner spreads them over the partitions. */
  private Map<Integer, List<String>> publishInput() throws Exception {
    Map<Integer, List<String>> sent = new HashMap<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(Map.of()), new StringSerializer(),
        new StringSerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        var metadata = producer.send(new ProducerRecord<>(INPUT, "k" + i, "v" + i)).get();
        sent.computeIfAbsent(metadata.partition(), p -> new ArrayList<>()).add("k" + i + "=v" + i);
      }
    }
    return sent;
  }

  /**
   * Copies {@code in} to {@code out} partition by partition in transactions of one poll each (at most 200 records),
   * aborting every third one and rewinding to the committed offsets, until every input offset is committed.
   */
  private int copyWithEveryThirdTransactionAborted() {
    int aborted = 0;
    int transactions = 0;
    Map<String, Object> small = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "copier",
        ProducerConfig.BATCH_SIZE_CONFIG, 256, ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    try (KafkaConsumer<String, String> consumer = consumer(IsolationLevel.READ_COMMITTED, "copier");
        KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(small), new StringSerializer(),
            new StringSerializer())) {
      producer.initTransactions();
      Set<TopicPartition> partitions = partitions(INPUT);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (!allCommitted(consumer, partitions, end)) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          continue;
        }
        producer.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
          producer.send(new ProducerRecord<>(OUTPUT, r.partition(), r.key(), r.value()));
          next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
        if (++transactions % 3 == 0) {
          producer.abortTransaction();
          aborted++;
          consumer.committed(partitions).forEach((tp, offset) -> consumer.seek(tp, offset == null ? 0 : offset.offset()));
        } else {
          producer.commitTransaction();
        }
      }
    }
    return aborted;
  }

  private static boolean allCommitted(KafkaConsumer<String, String> consumer, Set<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions);
    return partitions.stream().allMatch(tp -> committed.get(tp) != null && committed.get(tp).offset() >= end.get(tp));
  }

  /** Every record of {@code out} as "key=value", per partition in offset order, read at {@code isolation}. */
  private Map<Integer, List<String>> readOutput(IsolationLevel isolation) {
    Map<Integer, List<String>> read = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = consumer(isolation, null)) {
      Set<TopicPartition> partitions = partitions(OUTPUT);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          read.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.key() + "=" + r.value());
        }
      }
    }
    return read;
  }

  private static Set<TopicPartition> partitions(String topic) {
    return java.util.stream.IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p))
        .collect(Collectors.toSet());
  }

  private Properties producerProps(Map<String, Object> extra) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.putAll(extra);
    return props;
  }

  private KafkaConsumer<String, String> consumer(IsolationLevel isolation, String group) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
    if (group != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }
}
