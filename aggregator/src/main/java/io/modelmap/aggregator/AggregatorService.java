package io.modelmap.aggregator;

import io.modelmap.aggregator.api.ApiSettings;
import io.modelmap.aggregator.api.QueryApi;
import io.modelmap.aggregator.ingest.UndecodableViewRecords;
import io.modelmap.schemas.registry.RestSchemaRegistryClient;
import io.modelmap.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Runs the aggregator topology and, when given an address, its query API and dashboard: wiring of
 * configuration, start and shutdown only.
 */
public final class AggregatorService implements AutoCloseable {

  private final AggregatorConfig config;
  private final KafkaStreams streams;
  private final QueryApi api;
  private final AggregatorMetrics metrics;

  /** The aggregator without an HTTP API. */
  public AggregatorService(AggregatorConfig config) throws IOException {
    this(config, Optional.empty());
  }

  /** The aggregator serving its API on {@code apiAddress} (its {@code application.server} for key routing). */
  public AggregatorService(AggregatorConfig config, Optional<ApiSettings> apiAddress) throws IOException {
    this.config = config;
    this.api = apiAddress.isPresent() ? QueryApi.bind(apiAddress.get()) : null;
    var registry = new RestSchemaRegistryClient(config.schemaRegistryUrl());
    AtomicLong viewDeadLetters = new AtomicLong();
    Properties props = properties(config, registry, viewDeadLetters);
    if (api != null) {
      props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, api.hostInfo().host() + ":" + api.hostInfo().port());
    }
    this.streams = new KafkaStreams(AggregatorTopology.build(config, registry, Clock.systemUTC()), props);
    this.metrics = new AggregatorMetrics(streams, viewDeadLetters);
    streams.setUncaughtExceptionHandler(new StreamThreadFailures(Duration.ofSeconds(5)));
  }

  static Properties properties(AggregatorConfig config, SchemaRegistryClient registry) {
    return properties(config, registry, new AtomicLong());
  }

  /** The Streams settings; {@code viewDeadLetters} counts the views' dead letters. */
  static Properties properties(AggregatorConfig config, SchemaRegistryClient registry, AtomicLong viewDeadLetters) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
    props.putAll(AggregatorTopology.optimization());
    props.putAll(UndecodableViewRecords.settings(registry, viewDeadLetters));
    props.putAll(config.clientOverrides());
    return props;
  }

  public void start() {
    streams.start();
    if (api != null) {
      api.start(streams, config, metrics);
    }
  }

  /** The dashboard's URL, when the API is served. */
  public Optional<String> dashboardUrl() {
    return Optional.ofNullable(api).map(QueryApi::url);
  }

  /** Where other instances read this one's views, when the API is served. */
  public Optional<String> internalUrl() {
    return Optional.ofNullable(api).map(QueryApi::internalUrl);
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() {
    if (api != null) {
      api.close();
    }
    metrics.close();
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
  }
}
