package io.modelmap.aggregator.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How this instance runs Kafka Streams. Each check names the {@code modelmap aggregator} option that sets it.
 *
 * @param applicationId Kafka Streams application id: consumer group and internal topic prefix ({@code --application-id})
 * @param stateDir where RocksDB state lives ({@code --state-dir})
 * @param commitInterval how often results are committed and become visible ({@code --commit-interval-ms})
 * @param pollInterval how long a stream thread waits for new records before it commits what it has done
 *     ({@code --poll-ms})
 * @param rocksDbMemoryMb off-heap memory shared by every RocksDB store, in MiB ({@code --rocksdb-memory-mb})
 * @param instanceId a stable name of this instance for static membership; empty for none ({@code --instance-id})
 */
public record StreamsSettings(String applicationId, Path stateDir, Duration commitInterval, Duration pollInterval,
    long rocksDbMemoryMb, Optional<String> instanceId) {
  /** The application id when none is given. */
  public static final String DEFAULT_APPLICATION_ID = "modelmap-aggregator";
  /**
   * The commit interval when none is given, in ms: 25, a quarter of Kafka Streams' own default under exactly-once.
   * A list is visible when its transaction commits, so this is a floor of a new model's latency (with the poll wait,
   * {@link #DEFAULT_POLL_MS}); the quiet K = 1,000 bench (docs/RESULTS.md) gave the lowest p99 here at no loss of bulk
   * throughput.
   */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 25;
  /** {@link #DEFAULT_COMMIT_INTERVAL_MS} as a duration. */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(DEFAULT_COMMIT_INTERVAL_MS);
  /**
   * The poll wait when none is given, in ms. A stream thread commits only between polls, and a poll with nothing
   * new to read blocks this long: with Kafka Streams' own 100 ms the last record of a burst waited up to 100 ms
   * for its commit whatever the commit interval, and a completion took about 115 ms at K = 1,000 against about
   * 28 ms at 10 ms; 5 ms was no faster and cost a fifth of the bulk throughput (docs/RESULTS.md). Idle, a thread
   * wakes this often to find nothing; its fetch still waits at the broker.
   */
  public static final long DEFAULT_POLL_MS = 10;
  /** {@link #DEFAULT_POLL_MS} as a duration. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(DEFAULT_POLL_MS);
  /** {@link BoundedRocksDbMemory}'s own default, so leaving it out changes nothing. */
  public static final long DEFAULT_ROCKSDB_MEMORY_MB = BoundedRocksDbMemory.DEFAULT_TOTAL_BYTES / (1024 * 1024);

  public StreamsSettings {
    Objects.requireNonNull(commitInterval, "commitInterval");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(instanceId, "instanceId");
    if (applicationId == null || applicationId.isBlank()) {
      throw new IllegalArgumentException("--application-id must not be blank");
    }
    if (stateDir == null) {
      throw new IllegalArgumentException("--state-dir must name a folder");
    }
    if (commitInterval.isNegative() || commitInterval.isZero()) {
      throw new IllegalArgumentException("--commit-interval-ms must be positive, was " + commitInterval.toMillis());
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("--poll-ms must be positive, was " + pollInterval.toMillis());
    }
    if (rocksDbMemoryMb < 1) {
      throw new IllegalArgumentException("--rocksdb-memory-mb must be at least 1, was " + rocksDbMemoryMb);
    }
    if (instanceId.isPresent() && instanceId.get().isBlank()) {
      throw new IllegalArgumentException("--instance-id must not be blank when given");
    }
  }

  /** The defaults, under application id {@code applicationId} with state in {@code stateDir}. */
  public static StreamsSettings of(String applicationId, Path stateDir) {
    return new StreamsSettings(applicationId, stateDir, DEFAULT_COMMIT_INTERVAL, DEFAULT_POLL_INTERVAL, DEFAULT_ROCKSDB_MEMORY_MB,
        Optional.empty());
  }

  /** The defaults, with state in {@code stateDir}. */
  public static StreamsSettings defaults(Path stateDir) {
    return of(DEFAULT_APPLICATION_ID, stateDir);
  }

  public long rocksDbMemoryBytes() {
    return rocksDbMemoryMb * 1024 * 1024;
  }

  /** Puts these settings into a Kafka Streams configuration. */
  void putInto(Properties props) {
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    props.put(StreamsConfig.POLL_MS_CONFIG, pollInterval.toMillis());
    props.put(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, rocksDbMemoryBytes());
    instanceId.ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
  }
}
