package io.modelmap.aggregator.app;

import io.modelmap.aggregator.agreement.AgreementProcessor;
import io.modelmap.aggregator.agreement.AgreementStores;
import io.modelmap.aggregator.api.Views;
import io.modelmap.aggregator.embedding.EmbeddingProcessor;
import io.modelmap.aggregator.embedding.EmbeddingStores;
import io.modelmap.aggregator.ingest.BenchmarkRegisteredValidator;
import io.modelmap.aggregator.ingest.BenchmarkScoreValidator;
import io.modelmap.aggregator.ingest.DecodeProcessor;
import io.modelmap.aggregator.ingest.McAnswersValidator;
import io.modelmap.aggregator.ingest.McItemValidator;
import io.modelmap.aggregator.ingest.ModelResponsesValidator;
import io.modelmap.aggregator.ingest.TextChunkValidator;
import io.modelmap.aggregator.ingest.TextScoresValidator;
import io.modelmap.aggregator.ingest.Validator;
import io.modelmap.aggregator.matrix.MatrixProcessor;
import io.modelmap.aggregator.matrix.MatrixStoreBuilders;
import io.modelmap.aggregator.prediction.PredictionProcessor;
import io.modelmap.aggregator.prediction.PredictionStores;
import io.modelmap.aggregator.responses.ResponseProcessor;
import io.modelmap.aggregator.responses.ResponseStores;
import io.modelmap.schemas.avro.BenchmarkRegistered;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.McAnswers;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelDistances;
import io.modelmap.schemas.avro.ModelEmbedding;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.ModelResponses;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.registry.SchemaRegistryClient;
import io.modelmap.schemas.serde.AvroSerdes;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
import io.modelmap.schemas.topic.Topic;
import io.modelmap.schemas.topic.Topics;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The aggregator's topology.
 *
 * <pre>
 * corpus-texts ─decode/validate─┐                         ┌─ model-coordinates
 * text-scores ──decode/validate─┼─ by corpus ─ matrix ────┼─ coordinate-frame
 * model-registered (view) ──────┘                         ├─ model-neighbors
 *        └──────────── rejects ─────────────────────────── └─ &lt;source&gt;-dlq
 * distances, benchmark-scores, model-registered, benchmark-registered ─ prediction ─ score-predictions,
 *                                                       prediction-quality, model-analytics
 * mc-items, mc-answers ─┬─ agreement ── error-agreement, model-accuracy, benchmark-scores (measured)
 *                       └─ embeddings ─ model-embeddings (EmbedLLM; router for /api/route)
 * model-responses ─ by one key ─ response-similarity (each response against the others to its prompt)
 * model-registered, model-coordinates, coordinate-frame, model-neighbors, error-agreement,
 * model-accuracy ──► view stores (interactive queries for the query API)
 * </pre>
 *
 * The matrix's inputs are repartitioned by corpus id so that a completed row meets every other row of its
 * corpus, and a model's registration its scores, in one task, unless the three topics have one partition
 * ({@link MatrixRouting#DIRECT}).
 */
public final class AggregatorTopology {
  /** The one key all items and answers are repartitioned under. */
  private static final String AGREEMENT_KEY = "agreement";
  /** The one key every model's responses meet under, so each is compared with all others to its prompt. */
  private static final String RESPONSES_KEY = "responses";
  /** The one key distances, scores and registrations meet under for prediction. */
  private static final String PREDICTION_KEY = "prediction";

  private AggregatorTopology() {}

  public static Topology build(AggregatorConfig config, SchemaRegistryClient registry, Clock clock) {
    return build(config, registry, clock, MatrixRouting.REPARTITION);
  }

  /** The topology, with texts, scores and registrations reaching the matrix as {@code routing} says. */
  public static Topology build(AggregatorConfig config, SchemaRegistryClient registry, Clock clock,
      MatrixRouting routing) {
    Topics topics = new Topics(config.topics(), registry);
    StreamsBuilder builder = new StreamsBuilder();
    Produced<String, SpecificRecord> produced =
        Produced.with(Serdes.String(), Serdes.serdeFrom(new ConfluentAvroSerializer<>(registry, false),
            (topic, bytes) -> {
              throw new UnsupportedOperationException("outputs are written, never read, by the aggregator");
            }));
    OutputTopicRouter router = new OutputTopicRouter(config.topics());

    Topic<String, TextChunk> textsTopic = topics.corpusTexts();
    Topic<String, TextScores> scoresTopic = topics.textScores();
    KStream<String, SpecificRecord> decodedTexts = decoded(builder, textsTopic, new TextChunkValidator(), clock, router,
        produced);
    KStream<String, SpecificRecord> decodedScores = decoded(builder, scoresTopic, new TextScoresValidator(), clock,
        router, produced);
    Views.Shared views;
    KStream<String, SpecificRecord> registered;
    Serde<ModelDistances> distancesSerde = AvroSerdes.value(registry, ModelDistances.class);
    KStream<String, SpecificRecord> distances;
    boolean sharded = config.shards() > 1;
    if (sharded) {
      views = Views.addTo(builder, topics);
      registered = views.registered().toStream(Named.as("registrations"))
          .filter((k, v) -> v != null).mapValues(v -> (SpecificRecord) v, Named.as("registration-as-record"));
      // at S > 1 no task holds a corpus's K × K distances: prediction gets each complete model's ξ row instead
      distances = rekeyed(ShardedMatrix.addTo(builder, config, topics, registry, clock, decodedTexts, decodedScores,
          registered, published -> published.to(router, produced)), topics.modelCoordinates().valueSerde(),
          ModelCoordinates.class, c -> PREDICTION_KEY, "rows-for-prediction", 1);
    } else {
    KStream<String, SpecificRecord> texts = routing == MatrixRouting.DIRECT ? decodedTexts : rekeyed(decodedTexts,
        textsTopic.valueSerde(), TextChunk.class, t -> t.getCorpusId(), "texts-by-corpus", config.internalPartitions());
    KStream<String, SpecificRecord> scores = routing == MatrixRouting.DIRECT ? decodedScores : rekeyed(decodedScores,
        scoresTopic.valueSerde(), TextScores.class, s -> s.getCorpusId(), "scores-by-corpus",
        config.internalPartitions());
    // validated registrations, from the view (a topic has one source in a topology)
    views = Views.addTo(builder, topics);
    registered = views.registered().toStream(Named.as("registrations"))
        .filter((k, v) -> v != null).mapValues(v -> (SpecificRecord) v, Named.as("registration-as-record"));
    KStream<String, SpecificRecord> registeredByCorpus = routing == MatrixRouting.DIRECT ? registered : rekeyed(
        registered, topics.modelRegistered().valueSerde(), ModelRegistered.class, r -> r.getCorpusId(),
        "registrations-by-corpus", config.internalPartitions());

    MatrixStoreBuilders.all(scoresTopic.valueSerde().deserializer()).forEach(builder::addStateStore);
    Map<String, KStream<String, SpecificRecord>> matrixOut = texts.merge(scores, Named.as("texts-and-scores"))
        .merge(registeredByCorpus, Named.as("matrix-inputs"))
        .process(() -> new MatrixProcessor(config.publishing(), config.matrix(), config.topics(),
            scoresTopic.valueSerde(), textsTopic.valueSerde(), clock), Named.as("matrix"),
            MatrixStoreBuilders.names())
        .split(Named.as("matrix-"))
        .branch((key, value) -> value instanceof ModelDistances, Branched.as("distances"))
        .defaultBranch(Branched.as("published"));
    matrixOut.get("matrix-published").to(router, produced);

    distances = rekeyed(matrixOut.get("matrix-distances"), distancesSerde,
        ModelDistances.class, d -> PREDICTION_KEY, "distances-for-prediction", 1);
    }
    Topic<String, BenchmarkScore> benchmarkScores = topics.benchmarkScores();
    KStream<String, SpecificRecord> observed = rekeyed(
        decoded(builder, benchmarkScores, new BenchmarkScoreValidator(), clock, router, produced),
        benchmarkScores.valueSerde(), BenchmarkScore.class, b -> PREDICTION_KEY, "scores-for-prediction", 1);
    KStream<String, SpecificRecord> registrations = rekeyed(registered, topics.modelRegistered().valueSerde(),
        ModelRegistered.class, r -> PREDICTION_KEY, "registrations-for-prediction", 1);
    KStream<String, SpecificRecord> embeddings = rekeyed(
        views.embeddings().toStream(Named.as("embedding-updates")).filter((k, v) -> v != null)
            .mapValues(v -> (SpecificRecord) v, Named.as("embedding-as-record")),
        topics.modelEmbeddings().valueSerde(), ModelEmbedding.class, e -> PREDICTION_KEY, "embeddings-for-prediction", 1);
    Topic<String, BenchmarkRegistered> benchmarksTopic = topics.benchmarkRegistered();
    KStream<String, SpecificRecord> benchmarks = rekeyed(
        decoded(builder, benchmarksTopic, new BenchmarkRegisteredValidator(), clock, router, produced),
        benchmarksTopic.valueSerde(), BenchmarkRegistered.class, b -> PREDICTION_KEY, "benchmarks-for-prediction", 1);
    (sharded ? PredictionStores.shardedBuilders(topics.modelRegistered().valueSerde().deserializer(),
        benchmarksTopic.valueSerde().deserializer(), distancesSerde.deserializer())
        : PredictionStores.builders(topics.modelRegistered().valueSerde().deserializer(),
        benchmarksTopic.valueSerde().deserializer(), distancesSerde.deserializer())).forEach(builder::addStateStore);
    distances.merge(observed, Named.as("distances-and-scores"))
        .merge(registrations, Named.as("prediction-inputs"))
        .merge(benchmarks, Named.as("prediction-inputs-and-benchmarks"))
        .merge(embeddings, Named.as("prediction-inputs-and-embeddings"))
        .process(() -> new PredictionProcessor(config.publishing().provisionalInterval(), config.prediction(),
            distancesSerde, topics.modelRegistered().valueSerde(), benchmarksTopic.valueSerde(), sharded),
            Named.as("prediction"), sharded ? PredictionStores.shardedNames() : PredictionStores.names())
        .to(router, produced);

    Topic<String, McItem> itemsTopic = topics.mcItems();
    Topic<String, McAnswers> answersTopic = topics.mcAnswers();
    KStream<String, SpecificRecord> items = rekeyed(
        decoded(builder, itemsTopic, new McItemValidator(), clock, router, produced),
        itemsTopic.valueSerde(), McItem.class, i -> AGREEMENT_KEY, "items-for-agreement", 1);
    KStream<String, SpecificRecord> answers = rekeyed(
        decoded(builder, answersTopic, new McAnswersValidator(), clock, router, produced),
        answersTopic.valueSerde(), McAnswers.class, a -> AGREEMENT_KEY, "answers-for-agreement", 1);
    AgreementStores.builders(answersTopic.valueSerde().deserializer()).forEach(builder::addStateStore);
    KStream<String, SpecificRecord> itemsAndAnswers = items.merge(answers, Named.as("items-and-answers"));
    itemsAndAnswers
        .process(() -> new AgreementProcessor(config.publishing(), config.topics(),
            answersTopic.valueSerde(), itemsTopic.valueSerde(), clock), Named.as("agreement"),
            AgreementStores.names())
        .to(router, produced);
    EmbeddingStores.builders().forEach(builder::addStateStore);
    itemsAndAnswers // after the agreement, whose stored answers it reads
        .process(() -> new EmbeddingProcessor(config.prediction().embedding(), answersTopic.valueSerde().deserializer()),
            Named.as("embeddings"), AgreementStores.ITEMS, AgreementStores.ANSWERS, AgreementStores.PENDING,
            EmbeddingStores.QUESTIONS, EmbeddingStores.ROUTER, EmbeddingStores.ENCODED)
        .to(router, produced);

    Topic<String, ModelResponses> responsesTopic = topics.modelResponses();
    ResponseStores.builders().forEach(builder::addStateStore);
    rekeyed(decoded(builder, responsesTopic, new ModelResponsesValidator(), clock, router, produced),
        responsesTopic.valueSerde(), ModelResponses.class, r -> RESPONSES_KEY, "responses-for-similarity", 1)
        .process(ResponseProcessor::new, Named.as("response-similarity"), ResponseStores.names())
        .to(router, produced);

    return builder.build(optimization());
  }

  /** Lets the views' compacted source topics double as their changelogs; AggregatorService sets the same. */
  static Properties optimization() {
    Properties props = new Properties();
    props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
    return props;
  }

  /** Decodes and validates a source; rejects go straight to its DLQ, good records continue. */
  private static <V extends SpecificRecord> KStream<String, SpecificRecord> decoded(StreamsBuilder builder,
      Topic<String, V> topic, Validator<V> validator, Clock clock, OutputTopicRouter router,
      Produced<String, SpecificRecord> produced) {
    return decoded(builder, topic, validator, clock, rejects -> rejects.to(router, produced));
  }

  /** Decodes and validates a source; {@code rejects} sends its dead letters on (to its DLQ), good records continue. */
  static <V extends SpecificRecord> KStream<String, SpecificRecord> decoded(StreamsBuilder builder,
      Topic<String, V> topic, Validator<V> validator, Clock clock,
      java.util.function.Consumer<KStream<String, SpecificRecord>> rejects) {
    String name = topic.name();
    Map<String, KStream<String, SpecificRecord>> branches = builder
        .stream(name, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-" + name))
        .process(() -> new DecodeProcessor<>(topic.valueSerde().deserializer(), validator, clock),
            Named.as("decode-" + name))
        .split(Named.as("route-" + name + "-"))
        .branch((key, value) -> value instanceof DeadLetter,
            Branched.<String, SpecificRecord>withConsumer(rejects::accept).withName("rejects"))
        .defaultBranch(Branched.as("accepted"));
    return branches.get("route-" + name + "-accepted");
  }

  /** Re-keys a decoded stream and repartitions it into {@code name}, so equal keys meet in one task. */
  static <V extends SpecificRecord> KStream<String, SpecificRecord> rekeyed(
      KStream<String, SpecificRecord> stream, Serde<V> serde, Class<V> type, Function<V, String> key, String name,
      int partitions) {
    return stream
        .mapValues(type::cast, Named.as("as-" + name))
        .selectKey((k, value) -> key.apply(value), Named.as("key-" + name))
        .repartition(Repartitioned.with(Serdes.String(), serde).withName(name).withNumberOfPartitions(partitions))
        .mapValues(value -> (SpecificRecord) value, Named.as(name + "-as-record"));
  }
}
