package io.modelmap.cli.runtime;

import io.modelmap.aggregator.app.AggregatorConfig;
import io.modelmap.aggregator.app.AggregatorService;
import io.modelmap.aggregator.app.StreamsSettings;
import io.modelmap.kafka.KafkaClientProperties;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.aggregator.api.ApiSettings;
import io.modelmap.cli.logging.CliLogging;
import io.modelmap.embedded.EmbeddedCluster;
import io.modelmap.schemas.topic.TopicNames;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The embedded default: a real Kafka broker (KRaft) and schema registry on loopback, and the
 * aggregator, all under one data folder. The same services run unchanged against external clusters.
 */
public final class EmbeddedSystem implements AutoCloseable {
  private final Path dataDir;
  private final EmbeddedCluster cluster;
  private final AggregatorService aggregator;
  private final KafkaConnection connection;

  private EmbeddedSystem(Path dataDir, EmbeddedCluster cluster, AggregatorService aggregator) {
    this.dataDir = dataDir;
    this.cluster = cluster;
    this.aggregator = aggregator;
    this.connection = KafkaConnection.of(cluster.bootstrapServers(), cluster.schemaRegistryUrl());
  }

  /** The port the dashboard tries first; when it is taken, any free port. */
  public static final int DASHBOARD_PORT = 8080;

  /** Starts everything under {@code dataDir}, reporting each step on {@code progress}. */
  public static EmbeddedSystem start(Path dataDir, PrintStream progress) throws IOException {
    return start(dataDir, progress, DASHBOARD_PORT);
  }

  /** As {@link #start(Path, PrintStream)}, serving the query API and dashboard on loopback port {@code apiPort}. */
  public static EmbeddedSystem start(Path dataDir, PrintStream progress, int apiPort) throws IOException {
    return start(dataDir, progress, apiPort, 1);
  }

  /**
   * As above, each corpus spread over {@code shards} shards ({@code --shards}): one aggregator instance with one
   * stream thread per shard, so the shards' tasks run side by side in this JVM.
   */
  public static EmbeddedSystem start(Path dataDir, PrintStream progress, int apiPort, int shards) throws IOException {
    Files.createDirectories(dataDir);
    Path log = CliLogging.toFile(dataDir.resolve("modelmap.log"));
    progress.println("Log of Kafka, RocksDB and DJL internals: " + log);
    progress.println("Starting Apache Kafka (KRaft, single node) under " + dataDir.resolve("kafka") + " ...");
    EmbeddedCluster cluster = EmbeddedCluster.start(dataDir, TopicNames.defaults());
    progress.println("  broker " + cluster.bootstrapServers() + ", schema registry " + cluster.schemaRegistryUrl());
    AggregatorConfig config = aggregatorConfig(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), dataDir, shards);
    if (shards > 1) {
      progress.println("  each corpus over " + shards + " shards, one stream thread each");
    }
    AggregatorService aggregator = startAggregator(config, apiPort);
    progress.println("  aggregator started (state in " + config.streams().stateDir() + ")");
    progress.println("  dashboard: " + aggregator.dashboardUrl().orElseThrow());
    return new EmbeddedSystem(dataDir, cluster, aggregator);
  }

  /**
   * The embedded aggregator's settings: the embedded broker's one replica, state under {@code dataDir}, and at
   * {@code shards} above 1 that many shards and stream threads (at 1 Kafka's default of one thread).
   */
  static AggregatorConfig aggregatorConfig(String bootstrapServers, String registryUrl, Path dataDir, int shards) {
    KafkaClientProperties client = KafkaClientProperties.none()
        .with(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 500)
        .with(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    if (shards > 1) {
      client = client.with(StreamsConfig.NUM_STREAM_THREADS_CONFIG, shards);
    }
    return AggregatorConfig.builder(new KafkaConnection(bootstrapServers, registryUrl, client),
        StreamsSettings.defaults(dataDir.resolve("aggregator-state"))).optShards(shards).build();
  }

  private static AggregatorService startAggregator(AggregatorConfig config, int apiPort) throws IOException {
    AggregatorService aggregator;
    try {
      aggregator = new AggregatorService(config, Optional.of(ApiSettings.loopback(apiPort)));
    } catch (BindException e) {
      aggregator = new AggregatorService(config, Optional.of(ApiSettings.loopback(0)));
    }
    aggregator.start();
    return aggregator;
  }

  /** Whether the aggregator's stream threads run: false once it stopped (its log says why). */
  public boolean aggregatorAlive() {
    return aggregator.isAlive();
  }

  /** The aggregator's state, for a message. */
  public String aggregatorState() {
    return aggregator.state().name();
  }

  /** Makes /health answer 503, naming {@code part}, once {@code running} turns false: a local scorer, say. */
  public void watch(String part, java.util.function.BooleanSupplier running) {
    aggregator.watch(part, running);
  }

  public String dashboardUrl() {
    return aggregator.dashboardUrl().orElseThrow();
  }

  /** {@code given}, or a fresh folder named after {@code purpose} under {@code .modelmap/} of the working directory. */
  public static Path dataDir(Path given, String purpose) throws IOException {
    if (given != null) {
      return given;
    }
    Path base = Path.of(".modelmap");
    Files.createDirectories(base);
    return Files.createTempDirectory(base.toAbsolutePath(), purpose + "-");
  }

  /** The folder everything lives under. */
  public Path dataDir() {
    return dataDir;
  }

  public KafkaConnection connection() {
    return connection;
  }

  @Override
  public void close() {
    aggregator.close();
    cluster.close();
  }
}
