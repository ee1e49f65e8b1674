package io.modelmap.aggregator;

import io.modelmap.schemas.registry.RestSchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the aggregator topology: wiring of configuration, start and shutdown only. */
public final class AggregatorService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AggregatorService.class);

  private final KafkaStreams streams;

  public AggregatorService(AggregatorConfig config) {
    var registry = new RestSchemaRegistryClient(config.schemaRegistryUrl());
    this.streams = new KafkaStreams(AggregatorTopology.build(config, registry, Clock.systemUTC()), properties(config));
    streams.setUncaughtExceptionHandler(e -> {
      // Bad input never gets here (it is dead-lettered); anything that does is a bug that a retry would repeat.
      LOG.error("Aggregator stream thread failed; stopping. Restart after fixing the cause: state is kept.", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
  }

  static Properties properties(AggregatorConfig config) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
    props.putAll(config.clientOverrides());
    return props;
  }

  public void start() {
    streams.start();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() {
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
  }
}
