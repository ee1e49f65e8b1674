package io.modelmap.aggregator.app;

import io.modelmap.aggregator.matrix.MatrixProcessor;
import io.modelmap.aggregator.matrix.MatrixStoreBuilders;
import io.modelmap.aggregator.matrix.ModelShards;
import io.modelmap.aggregator.matrix.ShardExchangeValidator;
import io.modelmap.aggregator.matrix.ShardFrameProcessor;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.ShardExchange;
import io.modelmap.schemas.avro.ShardExchangeKind;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.registry.SchemaRegistryClient;
import io.modelmap.schemas.serde.AvroSerdes;
import io.modelmap.schemas.topic.Topic;
import io.modelmap.schemas.topic.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The matrix with each corpus spread over S &gt; 1 shards ({@code --shards}):
 *
 * <pre>
 * texts ──── to every shard ──────┐
 * scores ─── by (corpus, shard of model) ─┼─ matrix (one task per shard) ─┬─ model-coordinates, model-neighbors
 * registrations ─ by (corpus, shard of model) ─┤                          ├─ ROW, REPLY ─► shard-exchange ─┘ (loop)
 * &lt;app id&gt;-shard-exchange ─────────────────────┘                          └─ FRAME ─ by corpus ─ frame ─ coordinate-frame
 * complete model-coordinates (ξ rows) ─► rows-for-prediction ─► prediction (ridge from Q on the rows)
 * </pre>
 *
 * Every shard-keyed topic has S partitions and a record of shard s goes to partition s, so task s is shard s
 * of every corpus. The loop is read as bytes and admitted as every source is ({@code DecodeProcessor} with
 * {@link ShardExchangeValidator}): a record that does not decode or breaks a rule goes to
 * {@code <app id>-shard-exchange-dlq} and the shard keeps running. The loop goes through a topic the aggregator creates ({@link #exchangeTopic}; Kafka Streams
 * creates only topics whose reader lies downstream of their writer): a task reads the rows and replies it
 * and the other shards wrote, exactly once, as it reads any source topic.
 */
final class ShardedMatrix {
  private ShardedMatrix() {}

  /** The loop topic of the shards' rows and replies, S partitions: {@code <application id>-shard-exchange}. */
  static String exchangeTopic(AggregatorConfig config) {
    return config.streams().applicationId() + "-shard-exchange";
  }

  /**
   * Adds the sharded matrix; returns the complete models' {@code model-coordinates} (their ξ rows), which
   * prediction fits ridge from Q on at S &gt; 1 (no task holds the K × K distances the unsharded matrix sends).
   */
  static KStream<String, SpecificRecord> addTo(StreamsBuilder builder, AggregatorConfig config, Topics topics,
      SchemaRegistryClient registry, Clock clock, KStream<String, SpecificRecord> decodedTexts,
      KStream<String, SpecificRecord> decodedScores, KStream<String, SpecificRecord> registered,
      Consumer<KStream<String, SpecificRecord>> publish) {
    int shards = config.shards();
    Topic<String, TextChunk> textsTopic = topics.corpusTexts();
    Topic<String, TextScores> scoresTopic = topics.textScores();
    Serde<ShardExchange> exchangeSerde = AvroSerdes.value(registry, ShardExchange.class);
    KStream<String, SpecificRecord> texts = decodedTexts
        .mapValues(TextChunk.class::cast, Named.as("as-texts-by-shard"))
        .flatMap((k, text) -> {
          List<KeyValue<String, TextChunk>> copies = new ArrayList<>(shards);
          for (int shard = 0; shard < shards; shard++) {
            copies.add(KeyValue.pair(ModelShards.key(text.getCorpusId(), shard), text));
          }
          return copies;
        }, Named.as("key-texts-by-shard"))
        .repartition(byShard(textsTopic.valueSerde(), "texts-by-shard", shards))
        .mapValues(v -> (SpecificRecord) v, Named.as("texts-by-shard-as-record"));
    KStream<String, SpecificRecord> scores = toModelShard(decodedScores, scoresTopic.valueSerde(), TextScores.class,
        s -> ModelShards.key(s.getCorpusId(), ModelShards.shardOf(s.getModelId(), shards)), "scores-by-shard", shards);
    KStream<String, SpecificRecord> registrations = toModelShard(registered, topics.modelRegistered().valueSerde(),
        ModelRegistered.class, r -> ModelShards.key(r.getCorpusId(), ModelShards.shardOf(r.getModelId(), shards)),
        "registrations-by-shard", shards);
    // read as bytes and admitted like every source: a record that does not decode or breaks a rule is dead-lettered
    // to <exchange>-dlq (ShardExchangeValidator), and the matrix refuses one that contradicts its shard's state
    KStream<String, SpecificRecord> exchanged = AggregatorTopology.decoded(builder,
        new Topic<>(exchangeTopic(config), Serdes.String(), exchangeSerde),
        new ShardExchangeValidator(shards, config.publishing().neighborCount()), clock, publish);

    MatrixStoreBuilders.sharded(scoresTopic.valueSerde().deserializer()).forEach(builder::addStateStore);
    builder.addStateStore(MatrixStoreBuilders.shardFrames());
    return texts.merge(scores, Named.as("texts-and-scores")).merge(registrations, Named.as("matrix-inputs"))
        .merge(exchanged, Named.as("matrix-inputs-and-exchange"))
        .process(() -> new MatrixProcessor(config.publishing(), config.matrix(), config.topics(),
            scoresTopic.valueSerde(), textsTopic.valueSerde(), clock, shards, exchangeSerde.serializer()),
            Named.as("matrix"),
            MatrixStoreBuilders.shardedNames())
        .split(Named.as("matrix-"))
        .branch((key, value) -> value instanceof ShardExchange e && e.getKind() != ShardExchangeKind.FRAME,
            Branched.<String, SpecificRecord>withConsumer(exchange -> exchange
                .mapValues(ShardExchange.class::cast, Named.as("as-shard-exchange"))
                .to(exchangeTopic(config), Produced.with(Serdes.String(), exchangeSerde)
                    .withStreamPartitioner(shardPartitioner()).withName("write-shard-exchange")))
                .withName("exchange"))
        .branch((key, value) -> value instanceof ShardExchange,
            Branched.<String, SpecificRecord>withConsumer(frames -> publish.accept(
                AggregatorTopology.rekeyed(frames, exchangeSerde, ShardExchange.class, ShardExchange::getCorpusId,
                    "frames-by-corpus", config.internalPartitions())
                    .process(() -> new ShardFrameProcessor(config.matrix().mapMethod(), shards), Named.as("frame"),
                        MatrixStoreBuilders.shardFramesName())))
                .withName("frames"))
        .defaultBranch(Branched.as("published"))
        .get("matrix-published")
        .split(Named.as("published-"))
        .branch((key, value) -> value instanceof ModelCoordinates c && c.getComplete(),
            Branched.<String, SpecificRecord>withFunction(rows -> {
              publish.accept(rows);
              return rows;
            }).withName("rows"))
        .defaultBranch(Branched.withConsumer(publish::accept, "other"))
        .get("published-rows");
  }

  private static <V extends SpecificRecord> KStream<String, SpecificRecord> toModelShard(
      KStream<String, SpecificRecord> stream, Serde<V> serde, Class<V> type, java.util.function.Function<V, String> key,
      String name, int shards) {
    return stream
        .mapValues(type::cast, Named.as("as-" + name))
        .selectKey((k, value) -> key.apply(value), Named.as("key-" + name))
        .repartition(byShard(serde, name, shards))
        .mapValues(value -> (SpecificRecord) value, Named.as(name + "-as-record"));
  }

  private static <V> Repartitioned<String, V> byShard(Serde<V> serde, String name, int shards) {
    return Repartitioned.with(Serdes.String(), serde).withName(name).withNumberOfPartitions(shards)
        .withStreamPartitioner(shardPartitioner());
  }

  /** Shard s's records to partition s (of S), whatever the key's hash: task s is shard s of every corpus. */
  private static <V> StreamPartitioner<String, V> shardPartitioner() {
    return (topic, key, value, partitions) -> Optional.of(Set.of(ModelShards.shardOfKey(key) % partitions));
  }
}
