package io.modelmap.aggregator.app;

import io.modelmap.aggregator.api.ApiSettings;
import io.modelmap.aggregator.api.QueryApi;
import io.modelmap.aggregator.ingest.UndecodableViewRecords;
import io.modelmap.aggregator.restore.CreatedDeadLetterTopics;
import io.modelmap.aggregator.restore.RestoreRejects;
import io.modelmap.aggregator.support.AggregatorMetrics;
import io.modelmap.aggregator.support.StreamThreadFailures;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
import io.modelmap.math.KlDivergence;
import io.modelmap.schemas.registry.RestSchemaRegistryClient;
import io.modelmap.schemas.registry.SchemaRegistryClient;
import io.modelmap.schemas.topic.TopicNames;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Runs the aggregator topology and, when given an address, its query API and dashboard: wiring of
 * configuration, start and shutdown only.
 */
public final class AggregatorService implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AggregatorService.class);
  private final AggregatorConfig config;
  private final KafkaStreams streams;
  private final QueryApi api;
  private final AggregatorMetrics metrics;
  private final RestoreRejects restoreRejects;
  private final CreatedDeadLetterTopics restoreDeadLetterTopics;

  /** The aggregator without an HTTP API. */
  public AggregatorService(AggregatorConfig config) throws IOException {
    this(config, Optional.empty());
  }

  /** The aggregator serving its API on {@code apiAddress} (its {@code application.server} for key routing). */
  public AggregatorService(AggregatorConfig config, Optional<ApiSettings> apiAddress) throws IOException {
    this.config = config;
    prepareExchangeTopic(config); // first: a refused --shards leaves nothing open
    this.api = apiAddress.isPresent() ? QueryApi.bind(apiAddress.get()) : null;
    var registry = new RestSchemaRegistryClient(config.connection().schemaRegistryUrl());
    AtomicLong viewDeadLetters = new AtomicLong();
    this.restoreDeadLetterTopics = new CreatedDeadLetterTopics(
        org.apache.kafka.clients.admin.Admin.create(config.connection().adminProperties()));
    this.restoreRejects = new RestoreRejects(deadLetterProducer(config),
        new ConfluentAvroSerializer<DeadLetter>(registry, false), Clock.systemUTC(), restoreDeadLetterTopics);
    Properties props = properties(config, registry, viewDeadLetters);
    props.putAll(RestoreRejects.settings(restoreRejects));
    if (api != null) {
      props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, api.hostInfo().host() + ":" + api.hostInfo().port());
    }
    if (config.shards() > 1) {
      restoreDeadLetterTopics.ensure(TopicNames.deadLetter(ShardedMatrix.exchangeTopic(config))); // its refused records
      LOG.info("Each corpus spread over {} shards; rows and replies loop through {}", config.shards(),
          ShardedMatrix.exchangeTopic(config));
    }
    MatrixRouting routing = routing(config);
    LOG.info("Texts and scores reach the matrix {}", routing == MatrixRouting.DIRECT
        ? "directly (corpus-texts, text-scores and model-registered have one partition each)" : "repartitioned by corpus id");
    String kernel = KlDivergence.kernelDescription();
    LOG.info("KL distances summed by the {} kernel{}", kernel, kernel.startsWith("vector") ? ""
        : " (start the JVM with --add-modules jdk.incubator.vector for SIMD: completions about 5x faster)");
    this.streams = new KafkaStreams(AggregatorTopology.build(config, registry, Clock.systemUTC(), routing), props);
    this.metrics = new AggregatorMetrics(streams, viewDeadLetters, restoreRejects.count());
    streams.setUncaughtExceptionHandler(new StreamThreadFailures(Duration.ofSeconds(5)));
  }

  /** The producer of the dead letters restores send (outside any transaction: a restore has none). */
  private static KafkaProducer<byte[], byte[]> deadLetterProducer(AggregatorConfig config) {
    Properties props = config.connection().producerProperties(); // the security settings, as the producer knows them
    props.put(ProducerConfig.CLIENT_ID_CONFIG, config.streams().applicationId() + "-restore-dead-letters");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Refuses a start whose --shards differs from the S the application's loop topic was made with
   * ({@link ShardPartitions}); at S &gt; 1 creates that topic ({@link ShardedMatrix#exchangeTopic}) with one
   * partition per shard unless it exists: Kafka Streams creates only the topics its own repartitions write.
   */
  private static void prepareExchangeTopic(AggregatorConfig config) throws IOException {
    String topic = ShardedMatrix.exchangeTopic(config);
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
        config.connection().adminProperties())) {
      OptionalInt partitions = partitions(admin, topic, config.shards() > 1);
      refuseOtherShards(config, partitions);
      if (config.shards() > 1 && partitions.isEmpty()) {
        try {
          admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(topic,
              Optional.of(config.shards()), Optional.empty()))).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
            throw new IOException("cannot create " + topic + ": " + e.getCause().getMessage(), e.getCause());
          }
          refuseOtherShards(config, partitions(admin, topic, true)); // another instance created it just now
        }
      }
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException("cannot create " + topic + ": the cluster did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while preparing " + topic, e);
    }
  }

  private static void refuseOtherShards(AggregatorConfig config, OptionalInt partitions) {
    ShardPartitions.refusal(config, partitions).ifPresent(refusal -> {
      throw new IllegalArgumentException(refusal);
    });
  }

  /**
   * The partitions of {@code topic}, empty when it does not exist. {@code required}: a cluster that does not answer
   * is an error (at S &gt; 1 the topic must be made); otherwise (S = 1, a check only) it counts as no topic.
   */
  private static OptionalInt partitions(org.apache.kafka.clients.admin.Admin admin, String topic, boolean required)
      throws IOException, InterruptedException, java.util.concurrent.TimeoutException {
    try {
      return OptionalInt.of(admin.describeTopics(java.util.List.of(topic)).allTopicNames()
          .get(required ? 30 : 10, java.util.concurrent.TimeUnit.SECONDS).get(topic).partitions().size());
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException || !required) {
        return OptionalInt.empty();
      }
      throw new IOException("cannot describe " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      if (required) {
        throw e;
      }
      return OptionalInt.empty();
    }
  }

  /** DIRECT when the matrix's three source topics exist with one partition each; REPARTITION otherwise or when unknown. */
  private static MatrixRouting routing(AggregatorConfig config) {
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
        config.connection().adminProperties())) {
      var described = admin.describeTopics(java.util.List.of(config.topics().corpusTexts(), config.topics().textScores(),
              config.topics().modelRegistered()))
          .allTopicNames().get(30, java.util.concurrent.TimeUnit.SECONDS);
      return MatrixRouting.forPartitions(described.get(config.topics().corpusTexts()).partitions().size(),
          described.get(config.topics().textScores()).partitions().size(),
          described.get(config.topics().modelRegistered()).partitions().size());
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return MatrixRouting.REPARTITION; // topics not there yet: the general topology serves any partitioning
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return MatrixRouting.REPARTITION;
    }
  }

  static Properties properties(AggregatorConfig config, SchemaRegistryClient registry) {
    return properties(config, registry, new AtomicLong());
  }

  /** The Streams settings; {@code viewDeadLetters} counts the views' dead letters. */
  static Properties properties(AggregatorConfig config, SchemaRegistryClient registry, AtomicLong viewDeadLetters) {
    Properties props = new Properties();
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.connection().bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
    props.putAll(AggregatorTopology.optimization());
    props.putAll(UndecodableViewRecords.settings(registry, viewDeadLetters));
    config.connection().clientProperties().copyInto(props);
    config.streams().putInto(props); // after the client properties: an option given says the last word, as before
    return props;
  }

  public void start() {
    streams.start();
    if (api != null) {
      api.start(streams, config.connection(), config.topics(), metrics);
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

  /** Whether the stream threads run (or rebalance): false once Kafka Streams stopped, for whatever reason. */
  public boolean isAlive() {
    KafkaStreams.State state = streams.state();
    return state == KafkaStreams.State.CREATED || state == KafkaStreams.State.RUNNING
        || state == KafkaStreams.State.REBALANCING;
  }

  /** Makes the API's /health answer 503, naming {@code part}, once {@code running} turns false (no-op without API). */
  public void watch(String part, java.util.function.BooleanSupplier running) {
    if (api != null) {
      api.watch(part, running);
    }
  }

  @Override
  public void close() {
    if (api != null) {
      api.close();
    }
    metrics.close();
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
    restoreRejects.close();
    restoreDeadLetterTopics.close();
  }
}
